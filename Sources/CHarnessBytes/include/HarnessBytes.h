// Sixteen byte lanes gathered into sixteen bits, one per lane's top bit: one instruction on
// x86 (SSE2 `pmovmskb`), which Swift's SIMD types cannot reach (their masks have no bit
// view), so the CSV scanners built each 64-bit mask from four multiplications instead.
// Elsewhere, clang's portable vectors give the compiler the same request.
#ifndef HARNESS_BYTES_H
#define HARNESS_BYTES_H

#include <stdint.h>

typedef uint8_t harness_bytes16 __attribute__((ext_vector_type(16)));

#if defined(__SSE2__)
#include <emmintrin.h>
static inline __attribute__((always_inline)) uint16_t harness_lane_bits(harness_bytes16 lanes) {
    return (uint16_t)_mm_movemask_epi8((__m128i)lanes);
}
#else
typedef _Bool harness_bits16 __attribute__((ext_vector_type(16)));
static inline __attribute__((always_inline)) uint16_t harness_lane_bits(harness_bytes16 lanes) {
    harness_bits16 bits = __builtin_convertvector(lanes >> 7, harness_bits16);
    uint16_t result;
    __builtin_memcpy(&result, &bits, sizeof result);
    return result;
}
#endif

#endif
