"""Small ONNX models for the importer tests, exported with torch.onnx.export.

Run from anywhere with /usr/bin/python3 (torch 1.13, onnx 1.12):
    /usr/bin/python3 onnx/src/test/resources/make_onnx_fixtures.py
Writes onnx/src/test/resources/onnx/*.onnx (plus one external-data file), seeded, a few KB each.
The Java tests compare our forward pass against ONNX Runtime on these files and never need Python.
"""
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import numpy_helper

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "onnx")
OPSETS = (11, 13, 17)  # 17 is the highest torch 1.13 exports


def export(model, shape, name, opset, dynamic_batch=True, preserve_bn=False, folding=True, dtype=torch.float32):
    model.eval()
    x = torch.randn(*shape, dtype=dtype)
    path = os.path.join(OUT, f"{name}_op{opset}.onnx")
    kwargs = dict(opset_version=opset, input_names=["x"], output_names=["y"], do_constant_folding=folding)
    if dynamic_batch:
        kwargs["dynamic_axes"] = {"x": {0: "batch"}, "y": {0: "batch"}}
    if preserve_bn:
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, x, path, **kwargs)
    onnx.checker.check_model(onnx.load(path))
    return path


def randomize_bn(model):
    """Non-trivial running statistics, so that batch norm is not the identity."""
    g = torch.Generator().manual_seed(7)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.3)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.weight.copy_(torch.rand(m.num_features, generator=g) + 0.5)
                m.bias.copy_(torch.randn(m.num_features, generator=g) * 0.2)
    return model


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 12), nn.Tanh(), nn.Linear(12, 4))

    def forward(self, x):
        return self.net(x)


class MatMulNet(nn.Module):
    """x @ W + b with a constant W (MatMul + Add), then a normalization by constants (Sub, Div, Mul)."""
    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(6, 5))
        self.b = nn.Parameter(torch.randn(5))
        self.register_buffer("mu", torch.randn(5))

    def forward(self, x):
        h = torch.matmul(x, self.w) + self.b
        return torch.relu((h - self.mu) / 2.0 * 3.0)


class SmallCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor([0.4, 0.5, 0.6]).view(3, 1, 1))
        self.register_buffer("std", torch.tensor([0.2, 0.25, 0.3]).view(3, 1, 1))
        self.c1 = nn.Conv2d(3, 4, 3, padding=1)
        self.b1 = nn.BatchNorm2d(4)
        self.c2 = nn.Conv2d(4, 6, 3, stride=2, dilation=1)
        self.b2 = nn.BatchNorm2d(6)
        self.fc = nn.Linear(6 * 2 * 2, 5)

    def forward(self, x):
        x = (x - self.mean) / self.std
        x = nn.functional.max_pool2d(torch.relu(self.b1(self.c1(x))), 2)
        x = nn.functional.leaky_relu(self.b2(self.c2(x)), 0.1)
        return self.fc(torch.flatten(x, 1))


class MobileBlock(nn.Module):
    """Inverted residual (MobileNetV3): expand 1x1, depthwise 3x3, squeeze-excitation, project 1x1."""
    def __init__(self, c=4, e=8):
        super().__init__()
        self.expand = nn.Sequential(nn.Conv2d(c, e, 1, bias=False), nn.BatchNorm2d(e), nn.Hardswish())
        self.dw = nn.Sequential(nn.Conv2d(e, e, 3, padding=1, groups=e, bias=False), nn.BatchNorm2d(e), nn.Hardswish())
        self.se_pool = nn.AdaptiveAvgPool2d(1)
        self.se = nn.Sequential(nn.Conv2d(e, 4, 1), nn.ReLU(), nn.Conv2d(4, e, 1), nn.Hardsigmoid())
        self.project = nn.Sequential(nn.Conv2d(e, c, 1, bias=False), nn.BatchNorm2d(c))

    def forward(self, x):
        h = self.dw(self.expand(x))
        h = h * self.se(self.se_pool(h))
        return x + self.project(h)


class ResBlock(nn.Module):
    def __init__(self, cin=3, cout=6):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride=2, padding=1, bias=False)
        self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.b2 = nn.BatchNorm2d(cout)
        self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=2, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = torch.relu(self.b1(self.c1(x)))
        h = self.b2(self.c2(h))
        return torch.relu(h + self.down(x))


class Deconv(nn.Module):
    def __init__(self):
        super().__init__()
        self.up1 = nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1)
        self.up2 = nn.ConvTranspose2d(6, 4, 2, stride=1, groups=2, dilation=2, bias=False)

    def forward(self, x):
        return self.up2(torch.relu(self.up1(x)))


class ViewNet(nn.Module):
    """x.view(x.size(0), ...) writes the Shape→Gather→Unsqueeze→Concat→Reshape subgraph; transpose too."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3, padding=1)
        self.fc = nn.Linear(4 * 16, 3)

    def forward(self, x):
        h = torch.relu(self.conv(x))
        h = h.view(h.size(0), 4, -1).transpose(1, 2)  # [N, 16, 4]
        h = h.reshape(h.size(0), -1)
        return self.fc(h)


class ConcatNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 2, 3, padding=1)
        self.b = nn.Conv2d(3, 3, 1)
        self.c = nn.Conv2d(5, 2, 3)

    def forward(self, x):
        h = torch.cat([torch.relu(self.a(x)), torch.sigmoid(self.b(x))], dim=1)
        return self.c(h)


class Pools(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3, padding=1)
        self.mp = nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True)
        self.ap = nn.AvgPool2d(2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        h = self.ap(self.mp(torch.relu(self.conv(x))))
        return self.fc(torch.flatten(self.gap(h), 1))


class Activations(nn.Module):
    """PReLU (per channel), LeakyReLU, Sigmoid, Tanh, ReLU6/Hardtanh (Clip), SiLU (x·σ(x)), hand-written
    hard-swish x·clip(x+3, 0, 6)/6, Softmax at the output."""
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.prelu = nn.PReLU(4)
        with torch.no_grad():
            self.prelu.weight.copy_(torch.tensor([0.1, -0.3, 0.5, 1.5]))
        self.fc = nn.Linear(4 * 4 * 4, 10)
        self.fc2 = nn.Linear(10, 6)

    def forward(self, x):
        h = self.prelu(self.conv(x))
        h = nn.functional.leaky_relu(h, 0.2) + torch.sigmoid(h)
        h = nn.functional.relu6(torch.tanh(h) * 4)
        h = nn.functional.hardtanh(h, -0.5, 2.5)
        h = nn.functional.silu(self.fc(torch.flatten(h, 1)))
        h = h * torch.clamp(h + 3, 0, 6) / 6
        return torch.softmax(self.fc2(h), dim=1)


def float16_initializers(src, dst):
    """Stores every float initializer as float16 (bits in int32_data, as ONNX specifies) behind a Cast.
    onnx.helper.make_tensor converts float values to float16 bits itself, so it gets the values."""
    m = onnx.load(src)
    g = m.graph
    new_inits, casts = [], []
    for init in g.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype != np.float32:
            new_inits.append(init)
            continue
        half = onnx.helper.make_tensor(init.name + "_f16", onnx.TensorProto.FLOAT16, arr.shape,
                                       arr.astype(np.float16).astype(np.float32).flatten().tolist(), raw=False)
        assert np.array_equal(numpy_helper.to_array(half), arr.astype(np.float16)), init.name
        new_inits.append(half)
        casts.append(onnx.helper.make_node("Cast", [init.name + "_f16"], [init.name], name="Cast_" + init.name, to=onnx.TensorProto.FLOAT))
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = list(g.node)
    del g.node[:]
    g.node.extend(casts + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, dst)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    torch.manual_seed(0)
    models = {
        "mlp": (Mlp(), (2, 8), {}),
        "matmul": (MatMulNet(), (3, 6), {}),
        "cnn_bn": (randomize_bn(SmallCnn()), (2, 3, 10, 10), dict(preserve_bn=True, folding=False)),
        "cnn_folded": (randomize_bn(SmallCnn()), (2, 3, 10, 10), {}),
        "mobile": (randomize_bn(MobileBlock()), (2, 4, 6, 6), dict(preserve_bn=True, folding=False)),
        "resnet": (randomize_bn(ResBlock()), (2, 3, 8, 8), {}),
        "deconv": (Deconv(), (2, 4, 3, 3), {}),
        "view": (ViewNet(), (2, 2, 4, 4), {}),
        "concat": (ConcatNet(), (2, 3, 5, 5), {}),
        "pools": (Pools(), (2, 2, 9, 9), {}),
        "activations": (Activations(), (2, 3, 6, 6), {}),
    }
    for name, (model, shape, kw) in models.items():
        for opset in OPSETS:
            torch.manual_seed(1)
            export(model, shape, name, opset, **kw)
    # a float64 model, a fixed-batch model, float16 initializers, external data
    torch.manual_seed(2)
    export(Mlp().double(), (2, 8), "mlp_f64", 13, dtype=torch.float64)
    export(Mlp(), (3, 8), "mlp_fixed_batch", 13, dynamic_batch=False)
    float16_initializers(os.path.join(OUT, "mlp_op13.onnx"), os.path.join(OUT, "mlp_f16.onnx"))
    m = onnx.load(os.path.join(OUT, "cnn_bn_op13.onnx"))
    onnx.save_model(m, os.path.join(OUT, "cnn_external.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="cnn_external.bin", size_threshold=0)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"{len(os.listdir(OUT))} files, {total} bytes in {OUT}")


if __name__ == "__main__":
    main()
