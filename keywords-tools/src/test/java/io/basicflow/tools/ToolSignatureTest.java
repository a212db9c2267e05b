package io.basicflow.tools;

import static io.basicflow.tools.TestPrograms.choices;
import static io.basicflow.tools.TestPrograms.description;
import static io.basicflow.tools.TestPrograms.param;
import static io.basicflow.tools.TestPrograms.program;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.basicflow.spi.program.Procedure;
import io.basicflow.spi.program.Program;
import io.basicflow.spi.program.SourceSpan;
import io.basicflow.spi.program.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolSignatureTest {

    @Test
    void readsNameDescriptionAndParametersInDeclaredOrder() {
        ToolSignature signature = Signatures.openTicket();

        assertThat(signature.name()).isEqualTo("helpdesk/open-ticket");
        assertThat(signature.description()).contains("Opens a help desk ticket");
        assertThat(signature.parameters())
                .extracting(ToolParameter::name)
                .containsExactly("title", "priority", "email", "due");
        assertThat(signature.parameters().getFirst())
                .isEqualTo(new ToolParameter(
                        "title",
                        "STRING",
                        Optional.of("What is wrong, in one line"),
                        Optional.of("Printer on floor 2 is jammed"),
                        false,
                        List.of()));
        assertThat(signature.parameter("PRIORITY").orElseThrow().choices()).containsExactly("low", "medium", "high");
        assertThat(signature.parameter("email").orElseThrow().optional()).isTrue();
        assertThat(signature.warnings()).isEmpty();
    }

    @Test
    void aParameterWithChoicesIsAnEnumWhateverItsTypeName() {
        Step.Param withChoices = new Step.Param(
                SourceSpan.of(1, 1, 10),
                "unit",
                "STRING",
                Optional.empty(),
                Optional.empty(),
                false,
                List.of("celsius", "fahrenheit", "celsius"));

        ToolParameter parameter = ToolParameter.of(withChoices);

        assertThat(parameter.parameterType()).isEqualTo(ParameterType.ENUM);
        assertThat(parameter.choices()).containsExactly("celsius", "fahrenheit");
    }

    @Test
    void typeNamesMapToTheirKindInAnyCase() {
        assertThat(ParameterType.of("text", List.of())).isEqualTo(ParameterType.STRING);
        assertThat(ParameterType.of("Number", List.of())).isEqualTo(ParameterType.NUMBER);
        assertThat(ParameterType.of("money", List.of())).isEqualTo(ParameterType.NUMBER);
        assertThat(ParameterType.of("INT", List.of())).isEqualTo(ParameterType.INTEGER);
        assertThat(ParameterType.of("hour", List.of())).isEqualTo(ParameterType.TIME);
        assertThat(ParameterType.of("mobile", List.of())).isEqualTo(ParameterType.PHONE);
        assertThat(ParameterType.of("QRCODE", List.of())).isEqualTo(ParameterType.UNKNOWN);
    }

    @Test
    void aParameterDeclaredTwiceIsAnErrorNamingBothLines() {
        Program program = program(
                "lookup.bas", param(1, "city", "STRING"), param(2, "country", "STRING"), param(4, "city", "TEXT"));

        assertThatThrownBy(() -> ToolSignature.from("lookup", program))
                .isInstanceOf(ToolSignatureException.class)
                .hasMessageContaining("lookup.bas:4:1")
                .hasMessageContaining("'city' is declared twice (first at 1:1)");
    }

    @Test
    void anEnumWithoutChoicesIsAnErrorThatShowsHowToWriteOne() {
        Program program = program("pick.bas", param(3, "size", "ENUM"));

        assertThatThrownBy(() -> ToolSignature.from("pick", program))
                .isInstanceOf(ToolSignatureException.class)
                .hasMessageContaining("pick.bas:3:1")
                .hasMessageContaining("PARAM size AS \"first\", \"second\"");
    }

    @Test
    void aMissingDescriptionIsAllowedWithAWarning() {
        ToolSignature signature = ToolSignature.from("ping", program("ping.bas", param(1, "host", "STRING")));

        assertThat(signature.description()).isEmpty();
        assertThat(signature.warnings()).singleElement().asString().contains("ping.bas: no DESCRIPTION");
        assertThat(ToolSchema.toValue(signature).find("description")).isEmpty();
    }

    @Test
    void theFirstDescriptionWinsAndLaterOnesAreReported() {
        ToolSignature signature = ToolSignature.from(
                "apis",
                program(
                        "apis.bas",
                        description(2, "Get a random coffee image"),
                        param(3, "size", "INTEGER"),
                        description(9, "Get a random dish")));

        assertThat(signature.description()).contains("Get a random coffee image");
        assertThat(signature.warnings())
                .singleElement()
                .asString()
                .contains("apis.bas:9:1: a second DESCRIPTION is ignored")
                .contains("first one, at 2:1");
    }

    @Test
    void unknownTypesAndExamplesThatDoNotFitAreWarnedAbout() {
        ToolSignature signature = ToolSignature.from(
                "scan",
                program(
                        "scan.bas",
                        description(1, "Scans a code"),
                        param(2, "doc", "QRCODE", "photo of QR code", null, false),
                        param(3, "copies", "INTEGER", "two", null, true)));

        assertThat(signature.warnings())
                .containsExactly(
                        "scan.bas:2:1: parameter 'doc' has type QRCODE, which basicflow does not know; it is accepted"
                                + " as a string",
                        "scan.bas:3:1: the example of parameter 'copies' does not fit its type: 'copies' must be a"
                                + " whole number, got \"two\"");
    }

    @Test
    void onlyTopLevelParamLinesMakeTheSignature() {
        Procedure helper = new Procedure(
                SourceSpan.of(10, 1, 5), "helper", List.of(), false, List.of(param(11, "hidden", "STRING")));
        Program program = new Program(
                "tool.bas", List.of(description(1, "A tool"), param(2, "shown", "STRING")), Map.of("helper", helper));

        assertThat(ToolSignature.from("tool", program).parameters())
                .extracting(ToolParameter::name)
                .containsExactly("shown");
    }

    @Test
    void usageShowsTypesChoicesAndOptionalParameters() {
        assertThat(Signatures.openTicket().usage())
                .isEqualTo("helpdesk/open-ticket(title STRING, priority \"low\"|\"medium\"|\"high\", [email EMAIL],"
                        + " [due DATE])");
        assertThat(Signatures.bare().usage()).isEqualTo("ping()");
    }

    @Test
    void aSignatureRefusesRepeatedParameterNamesWhenBuiltInCode() {
        ToolParameter city = ToolParameter.required("city", "STRING");

        assertThatThrownBy(() -> new ToolSignature("t", Optional.empty(), List.of(city, city), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'city' twice");
    }

    @Test
    void choicesAloneMakeAnEnumEvenWithTheEnumTypeName() {
        ToolSignature signature =
                ToolSignature.from("pick", program("pick.bas", choices(1, "size", true, "S", "M", "L")));

        assertThat(signature.parameters().getFirst().parameterType()).isEqualTo(ParameterType.ENUM);
        assertThat(signature.parameters().getFirst().usage()).isEqualTo("[size \"S\"|\"M\"|\"L\"]");
    }

    @Test
    void aSingleChoiceIsReadAsTheDescriptionOfAStringParameter() {
        ToolSignature signature = ToolSignature.from(
                "climate",
                program(
                        "climate.bas",
                        choices(1, "location", false, "The city and state, e.g. Lisbon, PT"),
                        choices(2, "unit", false, "celsius", "fahrenheit"),
                        description(3, "Current weather")));

        ToolParameter location = signature.parameters().getFirst();
        assertThat(location.parameterType()).isEqualTo(ParameterType.STRING);
        assertThat(location.description()).contains("The city and state, e.g. Lisbon, PT");
        assertThat(location.choices()).isEmpty();
        assertThat(signature.parameters().get(1).parameterType()).isEqualTo(ParameterType.ENUM);
        assertThat(signature.warnings())
                .singleElement()
                .asString()
                .startsWith("climate.bas:1:1: parameter 'location' lists a single choice; it is read as a STRING");
    }
}
