package org.jiedao.hub.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;

import org.jiedao.hub.api.cypher.SelectionTranslator;
import org.jiedao.hub.api.schema.ComputedFields;
import org.jiedao.hub.api.schema.SchemaBuilder;
import org.jiedao.hub.loaders.normalise.NormalisationException;
import org.jiedao.hub.loaders.normalise.Normaliser;
import org.jiedao.hub.loaders.normalise.Normalisers;
import org.jiedao.hub.ontology.CodeList;
import org.jiedao.hub.ontology.NodeType;
import org.jiedao.hub.ontology.Ontology;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionConfig;

/**
 * Builds the hub's {@link GraphQL} engine: the schema derived from the ontology, and one data fetcher per root
 * field that normalises the key argument (so {@code 15-digit}, full-width or {@code 京A·12345} forms find the same
 * node), translates the whole selection into one Cypher statement and runs it in a read transaction on a
 * virtual thread (the driver blocks; DESIGN.md, decision 7). Nested fields are read from the returned map.
 */
public final class GraphQLFactory {
    private GraphQLFactory() {
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking) {
        return create(ontology, driver, blocking, QueryLimits.DEFAULTS);
    }

    /**
     * @param ontology the ontology
     * @param driver   the hub's driver
     * @param blocking executor for blocking driver calls (virtual threads)
     * @param limits   depth and time limits per query
     * @return the engine
     */
    public static GraphQL create(Ontology ontology, Driver driver, ExecutorService blocking, QueryLimits limits) {
        SchemaBuilder schema = new SchemaBuilder(ontology, ComputedFields.all());
        SelectionTranslator translator = new SelectionTranslator(schema, ontology);
        TypeDefinitionRegistry types = new SchemaParser().parse(schema.sdl());
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        wiring.type("Query", q -> {
            for (NodeType t : schema.exposedTypes()) {
                q.dataFetcher(SchemaBuilder.rootFieldName(t), rootFetcher(t, translator, driver, blocking, limits));
            }
            return q;
        });
        // enums of code lists: the API shows the enum name, the graph stores the code's notation
        for (CodeList list : schema.enums()) {
            Map<String, String> notations = new java.util.HashMap<>();
            list.codes().forEach(c -> notations.put(c.enumName(), c.notation()));
            wiring.type(TypeRuntimeWiring.newTypeWiring(list.enumName()).enumValues(notations::get));
        }
        GraphQLSchema graphQLSchema = new SchemaGenerator().makeExecutableSchema(types, wiring.build());
        return GraphQL.newGraphQL(graphQLSchema)
                .instrumentation(new graphql.analysis.MaxQueryDepthInstrumentation(limits.maxDepth())).build();
    }

    private static DataFetcher<CompletableFuture<DataFetcherResult<Object>>> rootFetcher(
            NodeType type, SelectionTranslator translator, Driver driver, ExecutorService blocking, QueryLimits limits) {
        String argument = type.key().name();
        Normaliser normaliser = Normalisers.forProperty(type.key());
        return env -> {
            Object key;
            try {
                key = normaliser.normalise(env.getArgument(argument));
            } catch (NormalisationException e) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult()
                        .error(GraphqlErrorBuilder.newError(env).message("%s: %s", argument, e.getMessage()).build()).build());
            }
            if (key == null) {
                return CompletableFuture.completedFuture(DataFetcherResult.newResult().data(null).build());
            }
            String cypher = translator.rootQuery(type, env.getSelectionSet());
            Object finalKey = key;
            return CompletableFuture.supplyAsync(() -> {
                try (var session = driver.session()) {
                    // the server ends a query that runs too long; a timed-out query is not retried
                    Object data = session.executeRead(tx -> tx.run(cypher, Map.of("key", finalKey)).list(Record::asMap),
                                    TransactionConfig.builder().withTimeout(limits.timeout()).build())
                            .stream().findFirst().map(r -> Temporals.toIso(r.get("result"))).orElse(null);
                    return DataFetcherResult.newResult().data(data).build();
                } catch (org.neo4j.driver.exceptions.ClientException e) {
                    if (e.code() != null && e.code().contains("TransactionTimedOut")) {
                        return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                                .message("the query took longer than %d s and was stopped; select fewer levels",
                                        limits.timeout().toSeconds()).build()).build();
                    }
                    throw e;
                }
            }, blocking);
        };
    }
}
