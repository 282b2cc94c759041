package io.ssrguard.sample;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The bean behind {@code /faces/track.xhtml}, the sample's Jakarta Faces page (Payara and WildFly; the
 * Tomcat WAR has no Faces page). It only remembers which of the page's controls posted, so a test sees
 * that each post arrived: a plain post, an AJAX post, a command link and a select that submits on change.
 * The page's HTML carries no SSR Guard code: the pack adds the CSRF field and moves the handlers.
 */
@Named
@RequestScoped
public class Tracking {

    private String parcel = "";
    private String carrier = "post";
    private String status = "";

    public String getParcel() {
        return parcel;
    }

    public void setParcel(String parcel) {
        this.parcel = parcel == null ? "" : parcel.strip();
    }

    public String getCarrier() {
        return carrier;
    }

    public void setCarrier(String carrier) {
        this.carrier = carrier;
    }

    /** What the last post did, for instance {@code ajax: AB123 via post}; empty before any. */
    public String getStatus() {
        return status;
    }

    /** Whether the last post was the AJAX one: the page then shows what only an AJAX update brings. */
    public boolean isAjaxResult() {
        return status.startsWith("ajax");
    }

    /** The plain {@code h:commandButton}. */
    public void track() {
        report("posted");
    }

    /** The {@code h:commandButton} with {@code f:ajax}. */
    public void trackAjax() {
        report("ajax");
    }

    /** The {@code h:commandLink}. */
    public void trackByLink() {
        report("link");
    }

    private void report(String how) {
        status = how + ": " + (parcel.isEmpty() ? "(no parcel)" : parcel) + " via " + carrier;
    }
}
