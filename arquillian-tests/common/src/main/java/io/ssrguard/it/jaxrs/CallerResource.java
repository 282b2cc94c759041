package io.ssrguard.it.jaxrs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** What JAX-RS tells a resource about its caller: {@code @Context SecurityContext} and {@code @RolesAllowed}. */
@Path("caller")
public class CallerResource {

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String caller() {
        String name = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        return "{\"name\":" + (name == null ? "null" : "\"" + name + "\"") + ",\"user\":" + security.isUserInRole("user")
                + ",\"admin\":" + security.isUserInRole("admin") + "}";
    }

    @GET
    @Path("user")
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    public String user() {
        return "{\"allowed\":\"user\"}";
    }

    @GET
    @Path("admin")
    @RolesAllowed("admin")
    @Produces(MediaType.APPLICATION_JSON)
    public String admin() {
        return "{\"allowed\":\"admin\"}";
    }
}
