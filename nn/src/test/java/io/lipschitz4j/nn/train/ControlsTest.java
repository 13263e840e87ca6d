package io.lipschitz4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lipschitz4j.nn.model.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlsTest {
    @Test
    void noneAndRegisteredControlsParseOptions() {
        assertThat(Controls.create("none", Models.mlp(1)).hooks()).isEmpty();
        Controls.register("test-shrink", "test only", (spec, model, o) ->
                new Controls.Control(spec, List.of(new ResumeChild.Shrink(Long.parseLong(o.getOrDefault("sleep", "0")))), List.of()));
        Controls.Control c = Controls.create("test-shrink:sleep=0", Models.mlp(1));
        assertThat(c.hooks()).hasSize(1);
        assertThat(Controls.available()).containsKeys("none", "test-shrink");
        assertThatThrownBy(() -> Controls.create("nope", Models.mlp(1))).hasMessageContaining("unknown control 'nope'").hasMessageContaining("none");
        assertThatThrownBy(() -> Controls.create("none:x", Models.mlp(1))).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> Controls.create("none:x=1", Models.mlp(1))).hasMessageContaining("no options");
    }
}
