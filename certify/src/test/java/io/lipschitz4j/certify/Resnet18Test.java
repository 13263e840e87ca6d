package io.lipschitz4j.certify;

import io.lipschitz4j.nn.Conv2d;
import io.lipschitz4j.nn.Graph;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Resnet18Test {
    @Test
    void hasTheTorchvisionShapeAndParameterCount() {
        Graph g = Resnet18.build(0);
        assertThat(g.outputShape(Resnet18.INPUT_SHAPE)).containsExactly(1000);
        long convs = g.nodes().stream().filter(n -> n.layer() instanceof Conv2d).count();
        assertThat(convs).isEqualTo(20); // 1 + 16 block convs + 3 downsample shortcuts
        long params = g.parameters().stream().mapToLong(p -> p.size()).sum();
        // torchvision resnet18 has 11,689,512 parameters; BN here is a fixed affine map (2 per channel, same count)
        assertThat(params).isEqualTo(11_689_512L);
        assertThat(Resnet18.build(0).nodes().get(0).layer().parameters().get(0).value().data()[5])
                .isEqualTo(g.nodes().get(0).layer().parameters().get(0).value().data()[5]);
    }
}
