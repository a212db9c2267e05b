package io.basicflow.ai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelJsonTest {

    @Test
    void theObjectInAnAnswerIsFoundThroughWordsAndFences() {
        assertThat(ModelJson.objectIn("{\"a\": 1}"))
                .hasValueSatisfying(n -> assertThat(n.get("a").asInt()).isEqualTo(1));
        assertThat(ModelJson.objectIn("Here it is:\n```json\n{\"a\": {\"b\": [2]}}\n```\nDone."))
                .hasValueSatisfying(n -> assertThat(n.at("/a/b/0").asInt()).isEqualTo(2));
    }

    @Test
    void anAnswerWithoutOneObjectIsEmpty() {
        assertThat(ModelJson.objectIn("no json here")).isEmpty();
        assertThat(ModelJson.objectIn("[1, 2]")).isEmpty();
        assertThat(ModelJson.objectIn("{\"a\": }")).isEmpty();
        assertThat(ModelJson.objectIn("} then {")).isEmpty();
    }
}
