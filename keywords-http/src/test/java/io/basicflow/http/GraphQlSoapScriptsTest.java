package io.basicflow.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.basicflow.engine.api.ExecutionStatus;
import io.basicflow.engine.direct.DirectOutcome;
import io.basicflow.spi.value.Value;
import io.basicflow.testkit.BasicflowTestKit;
import io.basicflow.testkit.EffectCall;
import io.basicflow.testkit.ScriptRun;
import io.basicflow.testkit.StepMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GRAPHQL} and {@code SOAP} against a real local server on 127.0.0.1 that speaks both: a
 * GraphQL endpoint that reads the posted query and variables, and a SOAP service described by a WSDL
 * whose endpoint reads the envelope and answers an envelope or a fault. The same golden script runs
 * direct and durable with the same messages; a crash during the call sends it again with the same
 * key; a fault and an answer with errors and no data fail the step with the server's words.
 */
class GraphQlSoapScriptsTest {

    static final String SCRIPT = """
            q = "query GetUser($id: ID!) { user(id: $id) { name } }"
            r = GRAPHQL base + "/graphql", q WITH id = "7"
            TALK "GraphQL: " + r.data.user.name
            p = GRAPHQL base + "/graphql", "query { partial }", #{ "limit": 2 }
            TALK "Partial: " + p.data.partial + ", " + p.errors[0].message
            info = SOAP base + "/users.asmx?wsdl", "GetUser", #{ "userId": "7", "Address": #{ "City": "Recife" }, "Tag": ["a", "b"] }
            TALK "SOAP: " + info.name + " in " + info.city + ", " + LEN(info.Orders.Order) + " orders"
            RETURN info.name
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer server;
    private final List<String> envelopes = new CopyOnWriteArrayList<>();
    private final List<String> actions = new CopyOnWriteArrayList<>();
    private final AtomicInteger wsdlReads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
        server.route("/graphql", (exchange, request) -> {
            JsonNode body = JSON.readTree(request.body());
            String query = body.path("query").asText();
            String answer;
            if (query.contains("user(id")) {
                answer = "{\"data\":{\"user\":{\"name\":\"Ana-"
                        + body.path("variables").path("id").asText() + "\"}}}";
            } else if (query.contains("partial")) {
                answer = "{\"data\":{\"partial\":"
                        + body.path("variables").path("limit").asInt() + "},"
                        + "\"errors\":[{\"message\":\"second field failed\"}]}";
            } else {
                answer = "{\"data\":null,\"errors\":[{\"message\":\"Cannot query field 'nope' on type 'Query'\"}]}";
            }
            TestServer.reply(exchange, 200, "application/json", answer);
        });
        server.route("/users.asmx", (exchange, request) -> {
            if (request.method().equals("GET")) {
                wsdlReads.incrementAndGet();
                TestServer.reply(exchange, 200, "text/xml", wsdl(server.url("/soap")));
                return;
            }
            TestServer.reply(exchange, 404, "text/plain", "no");
        });
        server.route("/soap", (exchange, request) -> {
            envelopes.add(request.body());
            actions.add(String.valueOf(request.header("SOAPAction")));
            if (request.body().contains("<userId>404</userId>")) {
                TestServer.reply(exchange, 500, "text/xml; charset=utf-8", """
                        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
                        <soap:Fault><faultcode>soap:Client</faultcode><faultstring>Customer 404 not found</faultstring></soap:Fault>
                        </soap:Body></soap:Envelope>""");
                return;
            }
            String city = request.body().replaceAll("(?s).*<City>(.*?)</City>.*", "$1");
            TestServer.reply(exchange, 200, "text/xml; charset=utf-8", """
                    <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
                      <GetUserResponse xmlns="http://example.com/users"><GetUserResult>
                        <name>Ana</name><city>%s</city>
                        <Orders><Order><Id>1</Id></Order><Order><Id>2</Id></Order><Order><Id>3</Id></Order></Orders>
                      </GetUserResult></GetUserResponse>
                    </s:Body></s:Envelope>""".formatted(city));
        });
    }

    static String wsdl(String endpoint) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"
                    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
                    xmlns:tns="http://example.com/users" targetNamespace="http://example.com/users">
                  <wsdl:binding name="UsersSoap12" type="tns:UsersSoap">
                    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                    <wsdl:operation name="GetUser"><soap12:operation soapAction="urn:v12:GetUser"/></wsdl:operation>
                  </wsdl:binding>
                  <wsdl:binding name="UsersSoap" type="tns:UsersSoap">
                    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
                    <wsdl:operation name="GetUser"><soap:operation soapAction="http://example.com/users/GetUser"/></wsdl:operation>
                    <wsdl:operation name="ListUsers"><soap:operation soapAction=""/></wsdl:operation>
                  </wsdl:binding>
                  <wsdl:service name="Users">
                    <wsdl:port name="UsersSoap12" binding="tns:UsersSoap12"><soap12:address location="%s12"/></wsdl:port>
                    <wsdl:port name="UsersSoap" binding="tns:UsersSoap"><soap:address location="%s"/></wsdl:port>
                  </wsdl:service>
                </wsdl:definitions>
                """.formatted(endpoint, endpoint);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BasicflowTestKit kit() {
        return BasicflowTestKit.withPlugins(new HttpPlugin()).configuration("http.allow", "127.0.0.1");
    }

    private static final List<String> MESSAGES =
            List.of("GraphQL: Ana-7", "Partial: 2, second field failed", "SOAP: Ana in Recife, 3 orders");

    @Test
    void theDirectAndDurableRunsSayTheSameAndSendTheSameEnvelope() {
        List<String> direct = new ArrayList<>();
        DirectOutcome outcome = DirectRuns.run("api.bas", SCRIPT, Map.of("base", Value.text(server.url(""))), direct);
        assertThat(outcome).isEqualTo(new DirectOutcome.Completed(java.util.Optional.of(Value.text("Ana"))));
        assertThat(direct).isEqualTo(MESSAGES);

        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("api.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));
            assertThat(run.awaitResult()).isEqualTo(Value.text("Ana"));
            assertThat(run.messages()).isEqualTo(MESSAGES);
            assertThat(run.events("EffectCompleted")).hasSize(3);
        }
        // The SOAP 1.1 port of the WSDL, its action, the operation in the target namespace.
        assertThat(actions)
                .containsExactly("\"http://example.com/users/GetUser\"", "\"http://example.com/users/GetUser\"");
        assertThat(envelopes.getFirst())
                .contains("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>")
                .contains("<GetUser xmlns=\"http://example.com/users\"><userId>7</userId>"
                        + "<Address><City>Recife</City></Address><Tag>a</Tag><Tag>b</Tag></GetUser>");
        assertThat(envelopes).hasSize(2).allMatch(envelope -> envelope.equals(envelopes.getFirst()));
        // The WSDL was read once by this process (the plugin instance of the direct run, then the kit's).
        assertThat(wsdlReads.get()).isEqualTo(2);
    }

    @Test
    void aCrashDuringTheGraphQlCallSendsItAgainWithTheSameKeyAndRunsOnFromItsAnswer() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("GRAPHQL"))) {
            ScriptRun run = kit.run("api.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.text("Ana"));
            assertThat(kit.crashes()).isEqualTo(1);
            List<EffectCall> calls = kit.effectCalls("GRAPHQL");
            assertThat(calls).hasSize(3);
            assertThat(calls.get(0).idempotencyKey()).isEqualTo(calls.get(1).idempotencyKey());
            assertThat(server.requestsByKey()).containsEntry(calls.get(0).idempotencyKey(), 2);
            assertThat(run.messages()).isEqualTo(MESSAGES);
            assertThat(envelopes).hasSize(1);
        }
    }

    @Test
    void aCrashDuringTheSoapCallPostsTheSameEnvelopeAgainWithTheSameKey() {
        try (BasicflowTestKit kit = kit().crashAt(StepMatcher.effectStarted("SOAP"))) {
            ScriptRun run = kit.run("api.bas", "#workflow\n" + SCRIPT, Map.of("base", server.url("")));

            assertThat(run.awaitResult()).isEqualTo(Value.text("Ana"));
            assertThat(kit.crashes()).isEqualTo(1);
            String key = kit.effectCalls("SOAP").getFirst().idempotencyKey();
            assertThat(server.requestsByKey()).containsEntry(key, 2);
            assertThat(envelopes).hasSize(2).allMatch(envelope -> envelope.equals(envelopes.getFirst()));
            assertThat(run.messages()).isEqualTo(MESSAGES);
        }
    }

    @Test
    void aSoapFaultFailsTheStepWithItsFaultStringAndIsNotRetried() {
        String source =
                "#workflow\nx = SOAP base + \"/users.asmx?wsdl\", \"GetUser\", #{ \"userId\": \"404\" }\nTALK \"not here\"\n";
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("fault.bas", source, Map.of("base", server.url("")));

            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message())
                    .contains("SOAP GetUser")
                    .contains("answered a fault: Customer 404 not found (soap:Client)");
            assertThat(run.error().orElseThrow().line()).isEqualTo(2);
            assertThat(run.messages()).isEmpty();
        }
        assertThat(envelopes).hasSize(1);
    }

    @Test
    void aFaultCanBeTestedWithOnErrorResumeNextInADirectRun() {
        List<String> messages = new ArrayList<>();
        String source = """
                ON ERROR RESUME NEXT
                x = SOAP base + "/users.asmx?wsdl", "GetUser", #{ "userId": "404" }
                IF ERROR THEN
                    TALK "failed: " + ERROR_MESSAGE
                END IF
                """;
        DirectRuns.run("fault.bas", source, Map.of("base", Value.text(server.url(""))), messages);
        assertThat(messages).singleElement().asString().contains("Customer 404 not found");
    }

    @Test
    void graphQlErrorsWithoutDataFailTheStepWithTheirMessages() {
        String source = "#workflow\nx = GRAPHQL base + \"/graphql\", \"{ nope }\"\n";
        try (BasicflowTestKit kit = kit()) {
            ScriptRun run = kit.run("gql.bas", source, Map.of("base", server.url("")));

            run.awaitStatus(ExecutionStatus.FAILED);
            assertThat(run.error().orElseThrow().message())
                    .contains("with errors and no data: Cannot query field 'nope' on type 'Query'");
        }
    }

    @Test
    void anUnknownOperationNamesTheOnesTheWsdlHas() {
        List<String> messages = new ArrayList<>();
        DirectOutcome outcome = DirectRuns.run(
                "op.bas",
                "x = SOAP base + \"/users.asmx?wsdl\", \"GetUsr\", #{ }\n",
                Map.of("base", Value.text(server.url(""))),
                messages);
        assertThat(outcome).isInstanceOf(DirectOutcome.Failed.class);
        assertThat(((DirectOutcome.Failed) outcome).error().message())
                .contains("has no operation 'GetUsr'; its operations: GetUser, ListUsers");
        assertThat(envelopes).isEmpty();
    }

    @Test
    void anEndpointUrlWithRawXmlSendsTheXmlAsTheBody() {
        List<String> messages = new ArrayList<>();
        String source = """
                request = "<GetUser xmlns=""urn:raw""><userId>9</userId><Address><City>Natal</City></Address></GetUser>"
                r = SOAP base + "/soap", "GetUser", request
                TALK r.city
                """;
        DirectRuns.run("raw.bas", source, Map.of("base", Value.text(server.url(""))), messages);
        assertThat(messages).containsExactly("Natal");
        assertThat(actions).containsExactly("\"GetUser\"");
        assertThat(envelopes.getFirst()).contains("<soap:Body><GetUser xmlns=\"urn:raw\"><userId>9</userId>");
    }
}
