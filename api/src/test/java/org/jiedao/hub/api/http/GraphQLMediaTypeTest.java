package org.jiedao.hub.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Accept negotiation as GraphQL over HTTP (draft 2025) and RFC 9110 section 12.5.1 describe it. */
class GraphQLMediaTypeTest {
    @Test
    void theResponseTypeFollowsAccept() {
        assertThat(GraphQLMediaType.negotiate(null)).contains(GraphQLMediaType.JSON);
        assertThat(GraphQLMediaType.negotiate("*/*")).contains(GraphQLMediaType.JSON);
        assertThat(GraphQLMediaType.negotiate("application/graphql-response+json")).contains(GraphQLMediaType.GRAPHQL_RESPONSE_JSON);
        assertThat(GraphQLMediaType.negotiate("application/json;charset=utf-8, application/graphql-response+json"))
                .contains(GraphQLMediaType.GRAPHQL_RESPONSE_JSON);
        assertThat(GraphQLMediaType.negotiate("application/graphql-response+json;q=0.9, application/json"))
                .contains(GraphQLMediaType.JSON);
        assertThat(GraphQLMediaType.negotiate("application/graphql-response+json, */*;q=0.1"))
                .contains(GraphQLMediaType.GRAPHQL_RESPONSE_JSON);
        assertThat(GraphQLMediaType.negotiate("text/html, application/xml;q=0.9")).isEmpty();
        assertThat(GraphQLMediaType.negotiate("application/json;q=0")).isEmpty();
    }
}
