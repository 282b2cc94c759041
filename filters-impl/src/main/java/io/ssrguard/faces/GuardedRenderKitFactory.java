package io.ssrguard.faces;

import jakarta.faces.context.FacesContext;
import jakarta.faces.render.RenderKit;
import jakarta.faces.render.RenderKitFactory;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The pack's entry into Jakarta Faces, declared in the {@code META-INF/faces-config.xml} of its jar: Faces
 * reads that file where the container has Faces (Payara, WildFly) and decorates its render-kit factory with
 * this one. Without Faces (Tomcat) nothing reads the file and no class of this package is ever loaded.
 * Nothing here makes Faces start in an application that does not use it: Faces starts for its own reasons
 * (a mapped {@code FacesServlet}, Faces classes or a {@code WEB-INF/faces-config.xml} in the application).
 *
 * <p>{@code ssrguard.faces.enabled} is read once, from the {@link FacesSettings} the pack published at start.
 */
public final class GuardedRenderKitFactory extends RenderKitFactory {

    private static final Logger LOG = Logger.getLogger(GuardedRenderKitFactory.class.getName());

    private final Map<RenderKit, GuardedRenderKit> kits = new ConcurrentHashMap<>();
    private volatile Boolean enabled;

    public GuardedRenderKitFactory(RenderKitFactory wrapped) {
        super(wrapped);
    }

    @Override
    public void addRenderKit(String renderKitId, RenderKit renderKit) {
        getWrapped().addRenderKit(renderKitId, renderKit);
    }

    @Override
    public Iterator<String> getRenderKitIds() {
        return getWrapped().getRenderKitIds();
    }

    @Override
    public RenderKit getRenderKit(FacesContext context, String renderKitId) {
        RenderKit kit = getWrapped().getRenderKit(context, renderKitId);
        if (kit == null || !enabled(context)) {
            return kit;
        }
        return kits.computeIfAbsent(kit, GuardedRenderKit::new);
    }

    private boolean enabled(FacesContext context) {
        Boolean on = enabled;
        if (on == null) {
            FacesContext current = context != null ? context : FacesContext.getCurrentInstance();
            if (current == null) {
                return false; // no application to read the setting from yet: decide at the first render
            }
            Object settings = current.getExternalContext().getApplicationMap().get(FacesSettings.ATTRIBUTE);
            // Without the record the pack did not start; its filters then refuse every request, and what the
            // render does matters no more. Acting costs nothing when the filters set no attributes.
            on = !(settings instanceof FacesSettings s) || s.enabled();
            enabled = on;
            LOG.info("SSR Guard Faces integration " + (on ? "on: POST forms carry the CSRF field; with a CSP nonce,"
                    + " inline handlers become listeners in the nonce'd script" : "OFF (ssrguard.faces.enabled=false)"));
        }
        return on;
    }
}
