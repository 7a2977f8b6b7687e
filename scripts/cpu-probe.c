// Tells which x86 instruction-set extensions can really execute on this machine.
//
// A CPU can advertise an extension (in CPUID, so in /proc/cpuinfo and in what -march=native
// enables) that the virtual machine or the kernel does not let a process use: AMX needs the
// process to ask Linux for the tile state first (arch_prctl ARCH_REQ_XCOMP_PERM), and some
// hypervisors refuse it. ggml built with -march=native then dies with SIGILL in its AMX
// kernels. The bootstrap runs this probe before configuring llama.cpp and turns off, with
// -mno-<feature>, every extension that does not run here.
//
// Usage: cpu-probe FEATURE...   (features: see `probes` below)
// Prints one line per feature: "<feature> ok", "<feature> sigill" or "<feature> refused"
// (the kernel refused the permission the extension needs) or "<feature> unknown" (no probe).
// Each probe runs in a child process, so a crash of one cannot hide the others.
#include <immintrin.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define ARCH_REQ_XCOMP_PERM 0x1023
#define XFEATURE_XTILEDATA 18

// Results leave through volatile stores so that the compiler keeps every instruction.
static volatile int sink_i;
static volatile float sink_f;

__attribute__((target("avx"))) static int probe_avx(void) {
    __m256 a = _mm256_set1_ps((float)sink_i + 1.0f);
    a = _mm256_add_ps(a, a);
    sink_f = _mm256_cvtss_f32(a);
    return 0;
}

__attribute__((target("avx2"))) static int probe_avx2(void) {
    __m256i a = _mm256_set1_epi32(sink_i + 1);
    a = _mm256_add_epi32(a, a);
    sink_i = _mm256_extract_epi32(a, 0);
    return 0;
}

__attribute__((target("fma"))) static int probe_fma(void) {
    __m128 a = _mm_set1_ps((float)sink_i + 1.0f);
    a = _mm_fmadd_ps(a, a, a);
    sink_f = _mm_cvtss_f32(a);
    return 0;
}

__attribute__((target("f16c"))) static int probe_f16c(void) {
    __m128 a = _mm_set1_ps((float)sink_i + 1.0f);
    __m128i h = _mm_cvtps_ph(a, 0);
    sink_f = _mm_cvtss_f32(_mm_cvtph_ps(h));
    return 0;
}

__attribute__((target("avx512f"))) static int probe_avx512f(void) {
    __m512i a = _mm512_set1_epi32(sink_i + 1);
    a = _mm512_add_epi32(a, a);
    sink_i = _mm512_reduce_add_epi32(a);
    return 0;
}

__attribute__((target("avx512f,avx512bw"))) static int probe_avx512bw(void) {
    __m512i a = _mm512_set1_epi8((char)(sink_i + 1));
    a = _mm512_add_epi8(a, a);
    sink_i = _mm512_reduce_add_epi32(a);
    return 0;
}

__attribute__((target("avx512f,avx512vnni"))) static int probe_avx512vnni(void) {
    __m512i a = _mm512_set1_epi32(sink_i + 1);
    a = _mm512_dpbusd_epi32(a, a, a);
    sink_i = _mm512_reduce_add_epi32(a);
    return 0;
}

__attribute__((target("avx512f,avx512bf16"))) static int probe_avx512bf16(void) {
    __m512 a = _mm512_set1_ps((float)sink_i + 1.0f);
    __m256bh b = _mm512_cvtneps_pbh(a);
    sink_f = _mm512_reduce_add_ps(_mm512_dpbf16_ps(a, (__m512bh)_mm512_inserti64x4(_mm512_castsi256_si512((__m256i)b), (__m256i)b, 1),
                                                  (__m512bh)_mm512_inserti64x4(_mm512_castsi256_si512((__m256i)b), (__m256i)b, 1)));
    return 0;
}

__attribute__((target("avxvnni"))) static int probe_avxvnni(void) {
    __m256i a = _mm256_set1_epi32(sink_i + 1);
    a = _mm256_dpbusd_avx_epi32(a, a, a);
    sink_i = _mm256_extract_epi32(a, 0);
    return 0;
}

// The 64-byte tile configuration of the AMX palette 1 (Intel SDM, LDTILECFG).
struct tile_config {
    uint8_t palette_id;
    uint8_t start_row;
    uint8_t reserved[14];
    uint16_t colsb[16];
    uint8_t rows[16];
};

// Returns 2 when Linux refuses the tile state; AMX instructions without it raise SIGILL.
static int request_tile_state(void) {
    return syscall(SYS_arch_prctl, ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA) == 0 ? 0 : 2;
}

static void configure_tiles(struct tile_config *cfg) {
    memset(cfg, 0, sizeof *cfg);
    cfg->palette_id = 1;
    for (int t = 0; t < 3; t++) {
        cfg->colsb[t] = 64;
        cfg->rows[t] = 16;
    }
}

// Asks for the tile state and loads a configuration of three 16×64-byte tiles, all zeroed:
// what every AMX probe needs before its one instruction. Returns 2 when Linux refuses.
__attribute__((target("amx-tile"))) static int start_tiles(void) {
    if (request_tile_state()) return 2;
    struct tile_config cfg;
    configure_tiles(&cfg);
    _tile_loadconfig(&cfg);
    _tile_zero(0);
    _tile_zero(1);
    _tile_zero(2);
    return 0;
}

__attribute__((target("amx-tile"))) static int probe_amx_tile(void) {
    if (start_tiles()) return 2;
    _tile_release();
    return 0;
}

__attribute__((target("amx-tile,amx-int8"))) static int probe_amx_int8(void) {
    if (start_tiles()) return 2;
    _tile_dpbssd(0, 1, 2);
    _tile_release();
    return 0;
}

__attribute__((target("amx-tile,amx-bf16"))) static int probe_amx_bf16(void) {
    if (start_tiles()) return 2;
    _tile_dpbf16ps(0, 1, 2);
    _tile_release();
    return 0;
}

static const struct {
    const char *name;
    int (*run)(void);
} probes[] = {
    {"avx", probe_avx},
    {"avx2", probe_avx2},
    {"fma", probe_fma},
    {"f16c", probe_f16c},
    {"avx512f", probe_avx512f},
    {"avx512bw", probe_avx512bw},
    {"avx512vnni", probe_avx512vnni},
    {"avx512bf16", probe_avx512bf16},
    {"avxvnni", probe_avxvnni},
    {"amx-tile", probe_amx_tile},
    {"amx-int8", probe_amx_int8},
    {"amx-bf16", probe_amx_bf16},
};

static const char *verdict(int (*run)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return "unknown";
    if (pid == 0) _exit(run());
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) return "unknown";
    if (WIFSIGNALED(status)) return WTERMSIG(status) == SIGILL ? "sigill" : "crashed";
    return WEXITSTATUS(status) == 0 ? "ok" : "refused";
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *result = "unknown";
        for (size_t p = 0; p < sizeof probes / sizeof probes[0]; p++) {
            if (strcmp(argv[i], probes[p].name) == 0) result = verdict(probes[p].run);
        }
        printf("%s %s\n", argv[i], result);
    }
    return 0;
}
