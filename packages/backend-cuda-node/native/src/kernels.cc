// The kernel table: the TypeScript side looks each kernel up by name once, at start, and then
// calls it by index (addon.cc `run`).
#include "kernels.h"

namespace tensile {

void runUnary(Reader&);
void runBinary(Reader&);
void runCast(Reader&);
void runSelect(Reader&);
void runFill(Reader&);
void runReduce(Reader&);
void runMatMul(Reader&);
void runConv2d(Reader&);
void runConv2dBackpropInput(Reader&);
void runConv2dBackpropFilter(Reader&);
void runMaxPool(Reader&);
void runAvgPool(Reader&);
void runMaxPoolGrad(Reader&);
void runAvgPoolGrad(Reader&);
void runSoftmax(Reader&);
void runLogSoftmax(Reader&);
void runTranspose(Reader&);
void runSlice(Reader&);
void runConcat(Reader&);
void runPad(Reader&);
void runGather(Reader&);
void runOneHot(Reader&);
void runRandomUniform(Reader&);
void runRandomNormal(Reader&);
void runActivationGrad(Reader&);
void runApplySgd(Reader&);
void runApplyAdam(Reader&);

const KernelEntry kKernels[] = {
    {"unary", runUnary},
    {"binary", runBinary},
    {"cast", runCast},
    {"select", runSelect},
    {"fill", runFill},
    {"reduce", runReduce},
    {"matMul", runMatMul},
    {"conv2d", runConv2d},
    {"conv2dBackpropInput", runConv2dBackpropInput},
    {"conv2dBackpropFilter", runConv2dBackpropFilter},
    {"maxPool", runMaxPool},
    {"avgPool", runAvgPool},
    {"maxPoolGrad", runMaxPoolGrad},
    {"avgPoolGrad", runAvgPoolGrad},
    {"softmax", runSoftmax},
    {"logSoftmax", runLogSoftmax},
    {"transpose", runTranspose},
    {"slice", runSlice},
    {"concat", runConcat},
    {"pad", runPad},
    {"gather", runGather},
    {"oneHot", runOneHot},
    {"randomUniform", runRandomUniform},
    {"randomNormal", runRandomNormal},
    {"activationGrad", runActivationGrad},
    {"applySgd", runApplySgd},
    {"applyAdam", runApplyAdam},
};
const std::size_t kNumKernels = sizeof(kKernels) / sizeof(kKernels[0]);

}  // namespace tensile
