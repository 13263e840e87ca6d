package io.lipschitz4j.nn;

/** A {@link Conv2dSpec} applied to an input of spatial size inH × inW: everything im2col needs. */
record ConvGeometry(Conv2dSpec spec, int inH, int inW, int outH, int outW) {

    static ConvGeometry of(Conv2dSpec s, int inH, int inW) {
        return new ConvGeometry(s, inH, inW, Conv2dSpec.outSize(inH, s.kH(), s.sH(), s.pH(), s.dH()),
                Conv2dSpec.outSize(inW, s.kW(), s.sW(), s.pW(), s.dW()));
    }

    int inPerGroup() { return spec.inChannels() / spec.groups(); }
    int outPerGroup() { return spec.outChannels() / spec.groups(); }
    int kH() { return spec.kH(); }
    int kW() { return spec.kW(); }
    int sH() { return spec.sH(); }
    int sW() { return spec.sW(); }
    int pH() { return spec.pH(); }
    int pW() { return spec.pW(); }
    int dH() { return spec.dH(); }
    int dW() { return spec.dW(); }
    boolean circular() { return spec.mode() == PaddingMode.CIRCULAR; }
    /** Rows of the im2col matrix of one group: (C/groups)·kH·kW. */
    int colRows() { return inPerGroup() * kH() * kW(); }
}
