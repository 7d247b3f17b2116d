// First part of every hedgekit OpenCL program. Double precision is required: the host refuses
// devices without cl_khr_fp64 before building.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
// No a*b+c -> fma contraction: the kernels then round exactly where the Java reference does,
// so the only remaining differences are the device's exp/log (a few ulp at most).
#pragma OPENCL FP_CONTRACT OFF
