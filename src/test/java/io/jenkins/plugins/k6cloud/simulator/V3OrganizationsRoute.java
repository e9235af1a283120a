package io.jenkins.plugins.k6cloud.simulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;

/** {@code GET /v3/organizations}: the cheap authenticated call used to check a token. */
final class V3OrganizationsRoute extends AbstractRoute {
    private static final Instant CREATED = Instant.parse("2020-08-13T18:28:45Z");

    V3OrganizationsRoute() {
        super(Endpoint.TOKEN, "GET", "/v3/organizations/?");
    }

    @Override
    public SimResponse handle(RouteCall call) {
        JsonObject org = new JsonObject();
        org.addProperty("id", RunStore.ORGANIZATION_ID);
        org.addProperty("name", "Simulated organization");
        org.addProperty("owner_id", RunStore.USER_ID);
        org.addProperty("description", "");
        org.addProperty("billing_address", "");
        org.addProperty("billing_country", "");
        org.addProperty("billing_email", "billing@example.com");
        org.addProperty("vat_number", "");
        org.addProperty("created", SimDates.zulu(CREATED));
        org.addProperty("updated", SimDates.zulu(CREATED));
        org.addProperty("is_default", true);
        JsonArray orgs = new JsonArray();
        orgs.add(org);
        return SimResponse.json(200, V2Json.envelope("organizations", orgs));
    }
}
