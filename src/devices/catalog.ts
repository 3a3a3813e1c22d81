/**
 * The device catalog: dense peak rates, memory bandwidth, memory size and power of the target
 * devices the roofline estimate knows by id. Pure data, reviewed in one place, with a source for
 * every figure (SOURCES below, each with its URL).
 *
 * Conventions (docs/devices.md says more):
 * - Peaks are DENSE: no 2:4 structured sparsity. Where a vendor prints a "with sparsity" figure
 *   it was halved, and the figure's note says so.
 * - FLOP/s for floating point, OP/s for integers; a multiply-accumulate counts as 2.
 * - fp32 on NVIDIA GPUs is the non-tensor (CUDA core) rate; TF32 is listed apart as `tf32`.
 *   fp64 is the rate DGEMM gets (the FP64 tensor-core rate where there is one).
 * - GeForce cards run FP16/BF16 tensor math with FP32 accumulate at half the FP16-accumulate
 *   rate; frameworks accumulate in FP32, so that is the rate listed.
 * - Jetson "AI performance" headlines are sparse INT8 and add the DLAs; the catalog lists the
 *   GPU's dense rate, derived from its tensor cores and clock.
 * - Bandwidth is bytes/s, decimal (1 GB/s = 1e9 B/s). For NPUs with on-chip memory only
 *   (Coral, Hailo) it is the host link, which is what streams activations and spilled weights.
 * - Memory sizes are bytes; a vendor's "GB" of DRAM is read as GiB (2^30), as DRAM is binary.
 *   Cache sizes likewise (a "50 MB" L2 is 50 MiB). A cache's bandwidth is what a streaming kernel
 *   measured while its data set fits (a public microbenchmark), never a peak computed from clocks;
 *   a device gets a cache only where both are sourced.
 *   Power is watts (board/module TDP or the top power mode unless the note says otherwise).
 * - `derivation` gives the textbook arithmetic, peak = chips x cores x clock x ops per cycle
 *   per core (test/devices/catalog.test.ts rebuilds every one within 0.5%). For a derived
 *   bandwidth, "cores" is the bus width in bytes and the clock the transfer rate in GT/s.
 */

export type Precision = 'fp64' | 'fp32' | 'tf32' | 'fp16' | 'bf16' | 'fp8' | 'int8' | 'int4';
export type DeviceClass = 'datacenter-gpu' | 'consumer-gpu' | 'edge-gpu' | 'cpu' | 'sbc-cpu' | 'apple-soc' | 'npu';

/** How a peak is derived, when the source derives it: peak = chips x cores x clockHz x opsPerCycle. */
export interface Derivation {
  chips?: number;
  cores: number;
  clockGHz: number;
  opsPerCyclePerCore: number;
  unit?: string;
}

export interface Figure {
  value: number;
  source: string;
  note?: string;
  derivation?: Derivation;
}

export interface Device {
  /** Kebab-case catalog id, e.g. 'h100-sxm', 'jetson-orin-nano', 'raspberry-pi-5'. */
  id: string;
  /** 'NVIDIA H100 SXM5 80GB' */
  name: string;
  class: DeviceClass;
  /** Dense peak per precision, in FLOP/s (or OP/s for integers). No structured-sparsity figures. */
  peak: Partial<Record<Precision, Figure>>;
  /** Memory bandwidth in bytes/s (decimal). */
  bandwidth: Figure;
  /** Memory size in bytes; power in watts. */
  memory?: Figure;
  power?: Figure;
  /** Last-level cache: its size in bytes and the bandwidth a streaming kernel gets from it (bytes/s). */
  cache?: { size: Figure; bandwidth: Figure };
  notes?: string[];
}

const T = 1e12;
const G = 1e9;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const NOT_OPENED = 'not opened in this review';

/**
 * Every source a figure cites. Titles say what was read there; a title that says the document
 * was not opened marks figures carried over from the project's reference notes without a fresh
 * check (their notes say so too).
 */
export const SOURCES: Record<string, { title: string; url: string }> = {
  // --- NVIDIA datacenter GPUs -------------------------------------------------------------
  'hpctech-h100': {
    title:
      'HPC Technologies: NVIDIA H100 SXM / PCIe specification table (reproduces NVIDIA\'s H100 datasheet: "* Shown with sparsity. Specifications 1/2 lower without sparsity")',
    url: 'https://archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html',
  },
  'klockwood-h100': {
    title: 'Glenn K. Lockwood, H100 notes: 132 SMs, 528 tensor cores, 1.83 GHz (low precision), dense and sparse TFLOPS per data type',
    url: 'https://glennklockwood.com/garden/processors/h100',
  },
  'klockwood-a100': {
    title:
      "Glenn K. Lockwood, A100 notes: A100 40G / 80G SXM4 (1.555 / 2.039 TB/s, 400 W) and the TFLOPS table from NVIDIA's A100 datasheet r4 and Ampere whitepaper",
    url: 'https://glennklockwood.com/garden/processors/A100',
  },
  'pc2-a100': {
    title:
      'Paderborn Center for Parallel Computing wiki, NVIDIA A100 40GB with NVLink: spec table (dense | sparse*) and deviceQuery (108 SMs, 432 tensor cores, 1410 MHz)',
    url: 'https://upb-pc2.atlassian.net/wiki/spaces/PC2DOK/pages/1900609/NVIDIA+A100+40GB+with+NVLINK',
  },
  'gpu-benches-l2': {
    title:
      'te42kyfo/gpu-benches, gpu-l2-cache results (h100_pcie.txt, h200.txt, a100_80.txt): effective bandwidth of a kernel re-reading a data set of growing size, a plateau while it fits in L2 (H100 PCIe ~6.9 TB/s to ~33 MB, H200 ~9.8 TB/s to ~40 MB, A100 80GB ~5.4 TB/s to ~26 MB), then DRAM',
    url: 'https://github.com/te42kyfo/gpu-benches/tree/master/gpu-l2-cache',
  },
  'chipsandcheese-h100': {
    title: 'Chips and Cheese, "Nvidia\'s H100: Funny L2, and Tons of Bandwidth" (the H100 PCIe enables 114 SMs and 50 MB of the die\'s 60 MB L2)',
    url: 'https://chipsandcheese.com/2023/07/02/nvidias-h100-funny-l2-and-tons-of-bandwidth/',
  },
  'nvidia-ampere-in-depth': {
    title: 'NVIDIA Technical Blog, "NVIDIA Ampere Architecture In-Depth" (A100: "a 40 MB Level 2 (L2) cache—nearly 7x larger than V100")',
    url: 'https://developer.nvidia.com/blog/nvidia-ampere-architecture-in-depth/',
  },
  'nvidia-hopper-in-depth': {
    title: `NVIDIA Technical Blog, "NVIDIA Hopper Architecture In-Depth" ("A 50 MB L2 cache in H100 is 1.25x larger than the A100 40 MB L2", as quoted by a secondary page; the post was ${NOT_OPENED})`,
    url: 'https://developer.nvidia.com/blog/nvidia-hopper-architecture-in-depth/',
  },
  'lightning-flops': {
    title: 'Lightning _CUDA_FLOPS table @0810121f (dense figures from NVIDIA datasheets, sparsity halved: H100, A100, A10G, T4)',
    url: 'https://github.com/Lightning-AI/pytorch-lightning/blob/0810121fef07bc70c1bf4706a81ecb47d2e6ad17/src/lightning/fabric/utilities/throughput.py',
  },
  'nvidia-a10-datasheet': {
    title: `NVIDIA A10 Tensor Core GPU datasheet (URL as cited by Lightning's table; the PDF was ${NOT_OPENED})`,
    url: 'https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/a10-datasheet.pdf',
  },
  'sysrqmts-a10': {
    title:
      'sysrqmts.com, A10 PCIe (TechPowerUp-derived): 9216 shaders, 1695 MHz boost, 31.24 TFLOPS FP32, 976.3 GFLOPS FP64 (1:32), 384-bit 12.5 Gbps = 600.2 GB/s',
    url: 'https://sysrqmts.com/ru/gpus/compare/nvidia-a10-pcie-vs-nvidia-quadro-rtx-4000',
  },
  'sysrqmts-a10-power': {
    title: 'sysrqmts.com, A10 PCIe vs A2: A10 TDP 150 W',
    url: 'https://sysrqmts.com/vi/gpus/compare/nvidia-a10-pcie-vs-nvidia-a2',
  },
  'baseten-a10': {
    title: 'Baseten, "NVIDIA A10 vs A10G for ML model inference": both 24 GB GDDR6 at 600 GB/s; A10G tensor rates differ',
    url: 'https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/',
  },
  'sysrqmts-t4': {
    title:
      'sysrqmts.com, Tesla T4 (TechPowerUp-derived): 2560 shaders, 320 tensor cores, 1590 MHz boost, 256-bit 10 Gbps GDDR6 = 320 GB/s, FP64 254.4 GFLOPS (1:32), 70 W',
    url: 'https://sysrqmts.com/en/gpus/nvidia/tesla/t4',
  },
  'geektopia-t4': {
    title: 'Geektopia, "Nvidia presenta la Tesla T4" (launch: 8.1 TFLOPS FP32, 65 TFLOPS FP16, 130 TOPS INT8, 260 TOPS INT4)',
    url: 'https://geektopia.es/es/technology/2018/09/13/noticias/nvidia-presenta-la-nueva-tesla-t4-basada-en-turing-orientada-a-inteligencia-artificial.html',
  },
  'sourcecode-l4-l40s': {
    title: "Source Code store, L4 / L40S comparison (NVIDIA spec data: L4 300 GB/s, INT8 485 TOPS and TF32 120 TFLOPS 'Sparsity'; L40S 864 GB/s)",
    url: 'https://store.sourcecode.com/en-us/bg-bucket-compare/125/9820',
  },
  'grokipedia-l4-l40s': {
    title:
      'Grokipedia, NVIDIA L4 vs L40S (L4: 72 W, 24 GB, 300 GB/s, FP16 242 and FP8/INT8 485 "with sparsity"; L40S: 350 W, 48 GB, 864 GB/s, FP32 91.6, FP8 1,466)',
    url: 'https://grokipedia.com/page/NVIDIA_L4_vs_L40S',
  },
  'fpsbench-l4': {
    title: 'FPSBench, L4 vs Tesla M40 (TechPowerUp-derived: 7424 shaders, 2040 MHz boost, 30.29 TFLOPS FP32, 473.3 GFLOPS FP64 (1:64), 300.1 GB/s, 72 W)',
    url: 'https://fpsbench.com/compare/gpu/nvidia-l4-vs-nvidia-tesla-m40',
  },
  'mullet-l40s': {
    title: "mullet.se, NVIDIA L40 / L40S table (reseller copy of NVIDIA's table; * = with sparsity; L40S 350 W)",
    url: 'https://www.mullet.se/product.html?product_id=355414',
  },
  'itcreations-l40s': {
    title: 'IT Creations, NVIDIA L40S: 18,176 cores, 2520 MHz boost, FP64 1,431 GFLOPS (1:64), 48 GB, 864 GB/s',
    url: 'https://www.itcreations.com/nvidia-gpu/nvidia-l40s-gpu-accelerator',
  },
  'aiminingco-h200': {
    title: 'AI Mining Co, H200 specs: same GH100 die as H100, 141 GB HBM3e at 4.8 TB/s, 700 W TDP like H100 SXM',
    url: 'https://www.aiminingco.com/gpu/h200/specs',
  },
  'mlcommons-h200': {
    title: 'MLCommons inference v4.1, NVIDIA H200-SXM-141GBx8 system description ("141 GB" HBM3e, "H200 TGP 700W")',
    url: 'https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json',
  },
  'sysrqmts-p100': {
    title:
      'sysrqmts.com, Tesla P100 SXM2 (TechPowerUp-derived): 3584 shaders, 1480 MHz boost, 4096-bit HBM2 732.2 GB/s, FP64 5.304 / FP32 10.61 / FP16 21.22 TFLOPS, 300 W',
    url: 'https://sysrqmts.com/gpus/compare/nvidia-tesla-p100-sxm2-vs-nvidia-tesla-p40',
  },
  'tech4gamers-p100': {
    title: 'Tech4Gamers, Tesla P100 variants table (NVLink P100: 1480 MHz boost, 21.2 / 10.6 / 5.3 TFLOPS, 720 GB/s)',
    url: 'https://tech4gamers.com/nvidia-tesla-p100-will-be-available-in-two-variants-of-16gb-12gb-hbm2/',
  },
  // --- GeForce ---------------------------------------------------------------------------
  'holynerdvana-3090': {
    title: 'GeForce RTX 3090 specifications: 82 SMs, 10,496 cores, 328 tensor cores, 1695 MHz boost, 35.6 TFLOPS FP32, FP16 142 (285 sparse), 936 GB/s, 350 W',
    url: 'https://holynerdvana.blogspot.com/2022/10/nvidia-geforce-rtx-3090-specifications.html',
  },
  'nvidia-ga102-whitepaper': {
    title: `NVIDIA Ampere GA102 GPU Architecture whitepaper v2, Appendix A (GeForce RTX 3090) - ${NOT_OPENED} (only its table of contents); tensor figures from the project reference notes`,
    url: 'https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf',
  },
  'waredb-4090': {
    title:
      'WareDB, GeForce RTX 4090: vector and tensor rates, dense and sparse (FP16/BF16 165.15, FP8 330.30, INT8 660.60, INT4 1321.21, TF32 82.58 dense), 1008 GB/s',
    url: 'https://waredb.com/processor/nvidia-geforce-rtx-4090',
  },
  'incpak-4090': {
    title: 'Incpak, RTX 40 series announcement: RTX 4090 16,384 CUDA cores, 2.52 GHz boost, 82.6 TFLOPS, 24 GB GDDR6X, 450 W',
    url: 'https://incpak.com/?p=136649',
  },
  // --- Jetson ----------------------------------------------------------------------------
  'ultralytics-jetson': {
    title:
      "Ultralytics NVIDIA Jetson guide @01007503, series comparison table (from NVIDIA's jetson-modules page): cores, GPU max clock, memory, bandwidth, AI TOPS",
    url: 'https://github.com/ultralytics/ultralytics/blob/01007503ffb223506d5b4b76d69e1e7145f49693/docs/en/guides/nvidia-jetson.md',
  },
  'nvidia-jetson-modules': {
    title: `NVIDIA Jetson modules technical specifications (cited by the Ultralytics table; ${NOT_OPENED})`,
    url: 'https://developer.nvidia.com/embedded/jetson-modules',
  },
  'nvidia-dla-readme': {
    title:
      'NVIDIA Deep-Learning-Accelerator-SW README @1da860cc: AGX Orin 64GB MAXN = GPU 171 + 2x DLA 105 sparse INT8 TOPS = 275; Orin NX 16GB DLA max comparable to AGX 15 W mode',
    url: 'https://github.com/NVIDIA/Deep-Learning-Accelerator-SW/blob/1da860ccb9b93f31a15a0325ff78b3938eccd5f9/README.md',
  },
  'fixstars-agx-orin': {
    title: 'Fixstars blog, Jetson AGX Orin vs AGX Thor: AGX Orin 15-60 W configurable, up to 275 sparse INT8 TOPS at MAXN',
    url: 'https://blog.us.fixstars.com/?p=1855&preview=true',
  },
  'orin-nano-datasheet': {
    title:
      'Jetson Orin Nano series datasheet (Scribd copy): 8GB = 1024 CUDA / 32 tensor cores, GPU max 625 MHz, 128-bit LPDDR5; 4GB "up to 20 (Sparse) INT8 TOPs and 10 (Dense)"',
    url: 'https://www.scribd.com/document/673174036/Orin-nano-datasheet',
  },
  'orin-nano-super': {
    title:
      "Jetson Orin Nano Super deep dive (from NVIDIA's Super developer kit datasheet): GPU 1.02 GHz (was 625 MHz), 102 GB/s (was 68), 67 TOPS (was 40) sparse INT8, 15 W -> 25 W, DLAs fused off",
    url: 'https://www.brojogopalsapui.com/ai-foundations/sub_contents/AI_hardware/jetson_orin_nano_light.html',
  },
  'xavier-nx-datasheet': {
    title:
      'Jetson Xavier NX data sheet DA-09366-001 [preliminary] (documents.pub copy): up to 21 TOPS INT8, 384 CUDA / 48 tensor cores at 1100 MHz, 8 GB 128-bit LPDDR4x at 1600 MHz',
    url: 'https://documents.pub/document/data-sheet-preliminary-nvidia-jetson-xavier-nx-system-on-xavier-nx-data-sheetpdf.html',
  },
  'xavier-nx-datasheet-v13': {
    title: 'Jetson Xavier NX data sheet v1.3 (Scribd copy): supported power modes 10 W - 15 W',
    url: 'https://www.scribd.com/document/467713153/Jetson-Xavier-NX-Data-Sheet-v1-3',
  },
  'sysrqmts-jetson-nano': {
    title: 'sysrqmts.com, Jetson Nano GPU (GM20B, TechPowerUp-derived): 128 shaders, 921 MHz boost, FP16 471.6 GFLOPS (2:1), FP32 235.8 GFLOPS',
    url: 'https://sysrqmts.com/ru/gpus/compare/nvidia-geforce4-mx-4000-rev-2-vs-nvidia-jetson-nano-gpu',
  },
  'alldbin-jetson-nano-m1': {
    title: 'alldbin.com, Jetson Nano GPU vs Apple M1 7-core GPU: Jetson Nano 921 MHz, 64-bit LPDDR4 25.6 GB/s, 10 W; M1 GPU core clock 1278 MHz',
    url: 'https://cpu-gpu.alldbin.com/graphics-card-comparison/Jetson-Nano-GPU-and-Apple-M1-7-Core-GPU-comparison.html',
  },
  // --- Raspberry Pi and Arm cores ----------------------------------------------------------
  'rpi-beginners-guide': {
    title: "The Official Raspberry Pi Beginner's Guide, appendix F: Pi 4 = 4x Cortex-A72 at 1.5 GHz, LPDDR4 at 3,200 MHz",
    url: 'https://issuu.com/28rduan/docs/raspberrypi_beginnersguide_v3/236',
  },
  'wikiwand-rpi4': {
    title: 'Wikipedia (Wikiwand), Raspberry Pi 4: Cortex-A72 at 1.5 GHz (B0) or 1.8 GHz (C0 stepping, from mid-2021)',
    url: 'https://www.wikiwand.com/en/articles/Raspberry_Pi_4',
  },
  'flatlib-a72': {
    title: 'flatlib vfpbench on Cortex-A72: 8 single-precision FLOP per cycle per core (SIMD4 FMA), double precision half of that',
    url: 'https://wlog.flatlib.jp/2015/10/30/n1787/',
  },
  'circuitdigest-rpi5': {
    title: 'CircuitDigest, Raspberry Pi 5 launch: BCM2712, 4x Cortex-A76 at 2.4 GHz, 32-bit LPDDR4X at 4267 MT/s',
    url: 'https://circuitdigest.com/news/the-new-raspberry-pi-5-is-here-faster-than-ever',
  },
  'anandtech-a76': {
    title: 'AnandTech, Arm Cortex-A76 back-end: two ASIMD/FP pipelines, FP arithmetic throughput 2 per cycle',
    url: 'https://www.anandtech.com/show/12785/arm-cortex-a76-cpu-unveiled-7nm-powerhouse/3',
  },
  'arm-simd-history': {
    title: 'Arm vector extensions overview: Armv8.2-A (A75 and later) adds FP16 arithmetic and SDOT/UDOT int8 dot products on 128-bit NEON',
    url: 'https://brendanjameslynskey.github.io/Cortex_A/04-vector-extensions/',
  },
  'geerling-hpl': {
    title: 'geerlingguy/top500-benchmark README @0137a2ea: measured HPL FP64 (Pi 4 at 1.8 GHz 11.889 Gflops, 7.2 W; Pi 5 at 2.4 GHz 30.249 Gflops, 11 W)',
    url: 'https://github.com/geerlingguy/top500-benchmark/blob/0137a2ea46ba02acf16ebca1d9c8c8d2dead1f56/README.md',
  },
  // --- Apple -------------------------------------------------------------------------------
  'macrumors-m1': {
    title: 'MacRumors, "Apple Announces M1 Chip" 2020-11-10: 8-core GPU with 2.6 teraflops; Neural Engine 11 trillion operations per second',
    url: 'https://www.macrumors.com/2020/11/10/apple-announces-m1-chip-for-the-mac/',
  },
  'macrumors-m2': {
    title: 'MacRumors, "Apple Announces M2 Chip" 2022-06-06: 100GB/s unified memory bandwidth, up to 24GB LPDDR5, 10-core GPU',
    url: 'https://www.macrumors.com/2022/06/06/apple-announces-m2-chip-with-support-for-up-to-24gb-memory/',
  },
  'geekygadgets-m2': {
    title: 'Geeky Gadgets, Apple M2: Neural Engine 15.8 trillion operations per second',
    url: 'https://www.geeky-gadgets.com/apple-m2-10-core-gpu-07-06-2022/',
  },
  'askgeek-m2': {
    title: 'AskGeek, Apple M2 (10-core GPU): 1398 MHz, 3.578 TFLOPS FP32, LPDDR5-6400',
    url: 'https://askgeek.io/es/cpus/Apple/M2-10-core-GPU',
  },
  'hmctech-m3': {
    title: 'HMC Tech, Apple 10-core M3 GPU: 1280 shaders, 1398 MHz, 3.58 TFLOPS FP32',
    url: 'https://hmc-tech.com/gpu/apple_10_core_m3',
  },
  'apple-m3-release': {
    title: 'Apple press release (Business Wire reprint), 2023-10-30 "Apple unveils M3, M3 Pro, and M3 Max": Neural Engine 60% faster than in M1',
    url: 'https://www.taranganews.com/news/apple-unveils-m3-m3-pro-and-m3-max-the-most-advanced-chips-for-personal-computers/',
  },
  'wikipedia-m3': {
    title: 'Wikipedia, Apple M3 (mirror): LPDDR5-6400; M3 has 8 memory controllers, each 16 bits wide',
    url: 'https://wikihandbk.com/wiki/%D0%90%D0%BD%D0%B3%D0%BB%D0%B8%D0%B9%D1%81%D0%BA%D0%B0%D1%8F_%D0%92%D0%B8%D0%BA%D0%B8%D0%BF%D0%B5%D0%B4%D0%B8%D1%8F:Apple_M3',
  },
  'coremltools-quant-perf': {
    title: 'coremltools guide, quantization performance: increased int8-int8 throughput on the Neural Engine only on A17 Pro / M4 and newer',
    url: 'https://apple.github.io/coremltools/docs-guides/source/opt-quantization-perf.html',
  },
  'neural-engine-16bit': {
    title: 'hollance/neural-engine notes (mirror), "16-bit": the ANE appears to use float16 for everything',
    url: 'https://github.com/michaelbernstein/neural-engine/blob/master/docs/16-bit.md',
  },
  // --- x86 and Arm servers -------------------------------------------------------------------
  'intel-ark-i7-12700': {
    title: `Intel ARK, Core i7-12700 (${NOT_OPENED}: clocks, power and memory figures from the project reference notes and memory, unverified)`,
    url: 'https://ark.intel.com/content/www/us/en/ark/search.html?_charset_=UTF-8&q=i7-12700',
  },
  'maxpc-golden-cove': {
    title: 'Maximum PC 2022-02, Alder Lake: Golden Cove supports AVX-512 but it is disabled on consumer desktop parts (AVX2 only)',
    url: 'https://issuhub.com/view/index/50447?pageIndex=31',
  },
  'intel-ark-8480': {
    title: `Intel ARK, Xeon Platinum 8480+ (${NOT_OPENED}: the 2.0 GHz base clock is from the project reference notes, unverified)`,
    url: 'https://ark.intel.com/content/www/us/en/ark/search.html?_charset_=UTF-8&q=8480%2B',
  },
  'computerbase-spr': {
    title: 'ComputerBase, Sapphire Rapids lineup: the mainstream series tops out at 56 cores with the Xeon Platinum 8480+; 350 W TDP class',
    url: 'https://computerbase.de/2022-09/xeon-platinum-8490h-intels-erster-60-kerner-fuer-server-im-detail',
  },
  'wccftech-spr': {
    title: 'Wccftech, Sapphire Rapids-SP lineup leak: up to 3.8 GHz, 350 W TDP, 8-channel DDR5, AMX',
    url: 'https://wccftech.com/full-intel-sapphire-rapids-sp-xeon-cpu-family-specifications-leak-out-up-to-60-cores-up-to-3-8-ghz-350w-tdp/',
  },
  'wikipedia-amx': {
    title: 'Wikipedia (WikiMili mirror), Advanced Matrix Extensions: a 4th Gen Xeon core performs 2048 INT8 or 1024 BF16 operations per cycle',
    url: 'https://wikimili.com/en/Advanced_Matrix_Extensions',
  },
  'wikichip-graviton3': {
    title: 'WikiChip, AWS Graviton3: 64 Neoverse V1 cores at 2.6 GHz, octa-channel DDR5-4800 = 307.2 GB/s',
    url: 'https://en.wikichip.org/wiki/AWS_Graviton3',
  },
  'lemire-sve-graviton3': {
    title: 'D. Lemire, "Mixing ARM NEON with SVE code" (read via a mirror): Graviton 3 / Neoverse V1 has 256-bit SVE vectors',
    url: 'https://lemire.me/blog/2025/03/29/mixing-arm-neon-with-sve-code-for-fun-and-profit/',
  },
  // --- NPUs ----------------------------------------------------------------------------------
  'coral-faq': {
    title: 'Coral, Edge TPU FAQ: 4 trillion (fixed-point) operations per second (4 TOPS) using 2 watts',
    url: 'https://coral.ai/docs/edgetpu/faq',
  },
  'applied-ee-coral': {
    title: 'Applied EE notes, Google Coral Edge TPU: 8 MB on-chip SRAM for parameter caching; host interface USB 3.0 or PCIe Gen2 x1',
    url: 'https://applied-ee.github.io/embedded/docs/edge-ai/hardware-accelerators/coral-edge-tpu/',
  },
  'cnx-hailo8': {
    title: 'CNX Software, Hailo-8 briefing: 26 TOPS, memory self-contained on the chip, no external DRAM',
    url: 'https://cnx-software.com/?p=81068',
  },
  'branes-hailo': {
    title: 'branes-ai/graphs docs, Hailo edge AI (mirror): Hailo-8 26 TOPS INT8 at 2.5 W typical, 8.65 W peak',
    url: 'https://github.com/branes-ai/graphs/blob/main/docs/hardware/hailo_edge_ai.md',
  },
  'hailo-community-lanes': {
    title: 'Hailo Community, Hailo-8 vs Hailo-8L: the Hailo-8 M.2 key M module has 4 PCIe lanes (B+M and A+E keys: 2)',
    url: 'https://community.hailo.ai/t/what-are-differences-between-hailo-8-and-hailo-8l/1675',
  },
  // --- GitHub-hosted runners ---------------------------------------------------------------
  'gh-hosted-runners': {
    title:
      'GitHub Docs, "Supported runners and hardware resources": standard runners for public repositories, Linux x64 (ubuntu-latest, ubuntu-24.04) 4 CPU / 16 GB RAM / 14 GB SSD, Linux arm64 (ubuntu-24.04-arm) 4 CPU / 16 GB, macOS arm64 (M1) 3 CPU / 7 GB',
    url: 'https://docs.github.com/en/actions/reference/runners/github-hosted-runners',
  },
  'lscpu-gh-ubuntu-x64': {
    title:
      'aws/s2n-tls PR #5674 (2025-12), lscpu on a GitHub-hosted ubuntu runner: 4 CPUs, AMD EPYC 7763 64-Core Processor, 2 threads per core, 2 cores per socket, avx2 and fma flags',
    url: 'https://github.com/aws/s2n-tls/pull/5674',
  },
  'techgage-milan': {
    title: 'Techgage, AMD EPYC Milan launch: EPYC 7763 64 cores / 128 threads, 2.45 GHz base (3.5 GHz peak), 256 MB L3, 280 W',
    url: 'https://techgage.com/article/amd-epyc-milan-launch-performance/',
  },
  'anandtech-milan': {
    title: 'AnandTech, AMD EPYC Milan review: every EPYC 7003 processor has 8 channels of DDR4-3200 and SMT',
    url: 'https://www.anandtech.com/show/16529/amd-epyc-milan-review/2',
  },
  'flatlib-zen3': {
    title:
      'flatlib vfpbench, Zen 3 (Ryzen 5 5560U): two 256-bit multiply (FMA) pipes + two 256-bit add pipes; fp32 FMA peak 2 x 8 lanes x 2 = 32 FLOP per cycle',
    url: 'https://wlog.flatlib.jp/2024/01/13/ryzen-zen3-vfpbench/',
  },
  'arm-astc-cobalt': {
    title:
      'ARM-software/astc-encoder issue #540 (2025-01): the GitHub Linux arm64 hosted runners run on Cobalt-100 CPUs, which are Neoverse N2 with NEON and SVE2',
    url: 'https://github.com/ARM-software/astc-encoder/issues/540',
  },
  'semianalysis-cobalt': {
    title: "SemiAnalysis on Azure Cobalt 100 (quoted on the Tom's Hardware forum): 128 Neoverse N2 cores on Armv9 and 12 channels of DDR5",
    url: 'https://forums.tomshardware.com/threads/microsoft-reveals-custom-128-core-arm-datacenter-cpu-massive-maia-100-gpu-designed-for-ai.3827357',
  },
  'azure-dpsv6': {
    title: `Microsoft Learn, Dpsv6 sizes (Azure Cobalt 100 VMs, 3.4 GHz; ${NOT_OPENED}: the clock and the DDR5 speed are from memory, unverified)`,
    url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/general-purpose/dpsv6-series',
  },
  'anandtech-neoverse-n2': {
    title: 'AnandTech, Arm Neoverse V1 / N2 announcement, p.4: the N2 core has 2 x 128-bit native SVE2 and NEON pipelines, 5-wide dispatch',
    url: 'https://www.anandtech.com/show/16640/arm-announces-neoverse-v1-n2-platforms-cpus-cmn700-mesh/4',
  },
  'ruby-macos14-runner': {
    title: 'ruby/ruby PR #10074 (2024-02): the macos-14 GitHub-hosted runner has 3 CPUs (M1) and 7 GB RAM',
    url: 'https://github.com/ruby/ruby/pull/10074',
  },
  'wikipedia-m1': {
    title: 'Wikipedia (IPFS mirror), Apple M1: 4 Firestorm P-cores at 0.6-3.204 GHz (12 MB shared L2), 4 Icestorm E-cores at 0.6-2.064 GHz',
    url: 'https://en.wikipedia-on-ipfs.org/wiki/Apple_M1',
  },
  'anandtech-m1-firestorm': {
    title: `AnandTech, Apple M1 / A14 deep dive p.2, Firestorm microarchitecture (four 128-bit FP/SIMD pipelines, each with FMA; the page opened, the paragraph with the pipe count was ${NOT_OPENED})`,
    url: 'https://www.anandtech.com/show/16226/apple-silicon-m1-a14-deep-dive/2',
  },
};

/** Derived DRAM/link bandwidth: bus width in bytes x transfer rate in GT/s. */
const busDerivation = (bytes: number, gtPerSec: number, note = 'B/s: cores = bus width in bytes, clock = transfer rate in GT/s'): Derivation => ({
  cores: bytes,
  clockGHz: gtPerSec,
  opsPerCyclePerCore: 1,
  unit: note,
});

const SPARSE_HALVED = 'NVIDIA prints it "with sparsity"; halved to the dense rate';

export const DEVICES: readonly Device[] = [
  // ===================================== datacenter GPUs =====================================
  {
    id: 't4',
    name: 'NVIDIA T4 16GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: {
        value: 254.4 * G,
        source: 'sysrqmts-t4',
        note: '1:32 of FP32 (TechPowerUp-derived; NVIDIA does not publish it)',
        derivation: { cores: 2560, clockGHz: 1.59, opsPerCyclePerCore: 2 / 32 },
      },
      fp32: {
        value: 8.1 * T,
        source: 'lightning-flops',
        note: 'datasheet figure; 2560 cores x 1.59 GHz x 2 = 8.14',
      },
      fp16: {
        value: 65 * T,
        source: 'lightning-flops',
        note: 'tensor cores, "mixed precision" (FP16 multiply, FP32 accumulate): 320 x 1.59 GHz x 128 = 65.1. Turing has no structured sparsity, so every T4 figure is dense. No BF16 or TF32 on Turing',
      },
      int8: { value: 130 * T, source: 'lightning-flops', note: 'dense (Turing has no sparsity)' },
      int4: { value: 260 * T, source: 'geektopia-t4', note: 'dense (Turing has no sparsity)' },
    },
    bandwidth: {
      value: 320 * G,
      source: 'sysrqmts-t4',
      note: 'the two NVIDIA documents disagree: the T4 datasheet says 300 GB/s, the product page "320+ GB/s"; 256-bit x 10 Gbps GDDR6 = 320 GB/s is used',
      derivation: busDerivation(32, 10),
    },
    memory: { value: 16 * GiB, source: 'sysrqmts-t4' },
    power: { value: 70, source: 'sysrqmts-t4' },
  },
  {
    id: 'a10',
    name: 'NVIDIA A10 24GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: {
        value: 976.3 * G,
        source: 'sysrqmts-a10',
        note: '1:32 of FP32 (TechPowerUp-derived; not in the datasheet)',
        derivation: { cores: 9216, clockGHz: 1.695, opsPerCyclePerCore: 2 / 32 },
      },
      fp32: {
        value: 31.2 * T,
        source: 'lightning-flops',
        derivation: { cores: 9216, clockGHz: 1.695, opsPerCyclePerCore: 2 },
      },
      tf32: {
        value: 62.5 * T,
        source: 'nvidia-a10-datasheet',
        note: `datasheet 125 with sparsity, halved; not re-verified in this review`,
      },
      fp16: {
        value: 125 * T,
        source: 'lightning-flops',
        note: `datasheet 250 with sparsity, halved (Lightning lists the dense 125 for A10G from the A10 datasheet). Datacenter GA102: FP32 accumulate at full rate`,
      },
      bf16: { value: 125 * T, source: 'lightning-flops', note: 'as fp16' },
      int8: {
        value: 250 * T,
        source: 'nvidia-a10-datasheet',
        note: 'datasheet 500 with sparsity, halved; not re-verified in this review',
      },
      int4: {
        value: 500 * T,
        source: 'nvidia-a10-datasheet',
        note: 'datasheet 1000 with sparsity, halved; not re-verified in this review',
      },
    },
    bandwidth: { value: 600 * G, source: 'baseten-a10', note: 'A10G (AWS G5) has the same memory and bandwidth but different tensor rates' },
    memory: { value: 24 * GiB, source: 'baseten-a10' },
    power: { value: 150, source: 'sysrqmts-a10-power' },
  },
  {
    id: 'l4',
    name: 'NVIDIA L4 24GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: {
        value: 473.3 * G,
        source: 'fpsbench-l4',
        note: '1:64 of FP32 (TechPowerUp-derived)',
        derivation: { cores: 7424, clockGHz: 2.04, opsPerCyclePerCore: 2 / 64 },
      },
      fp32: {
        value: 30.3 * T,
        source: 'fpsbench-l4',
        note: 'NVIDIA: 30.3 TFLOPS',
        derivation: { cores: 7424, clockGHz: 2.04, opsPerCyclePerCore: 2 },
      },
      tf32: { value: 60 * T, source: 'sourcecode-l4-l40s', note: `120 "Sparsity"; ${SPARSE_HALVED}` },
      fp16: {
        value: 121 * T,
        source: 'grokipedia-l4-l40s',
        note: `242 with sparsity; ${SPARSE_HALVED} (NVIDIA: "Specifications are one-half lower without sparsity")`,
      },
      bf16: { value: 121 * T, source: 'grokipedia-l4-l40s', note: 'as fp16' },
      fp8: { value: 242.5 * T, source: 'grokipedia-l4-l40s', note: `485 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 242.5 * T, source: 'sourcecode-l4-l40s', note: `485 "Sparsity"; ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 300 * G, source: 'sourcecode-l4-l40s' },
    memory: { value: 24 * GiB, source: 'grokipedia-l4-l40s' },
    power: { value: 72, source: 'grokipedia-l4-l40s' },
    notes: ['INT4 is not in the L4 datasheet figures read here, so none is listed (int4 work falls back to int8).'],
  },
  {
    id: 'a100-40gb-sxm',
    name: 'NVIDIA A100 SXM4 40GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: { value: 19.5 * T, source: 'klockwood-a100', note: 'FP64 tensor core (DGEMM); non-tensor FP64 is 9.7' },
      fp32: { value: 19.5 * T, source: 'klockwood-a100', note: 'non-tensor; TF32 listed apart' },
      tf32: { value: 156 * T, source: 'pc2-a100', note: `312 with sparsity; ${SPARSE_HALVED}` },
      fp16: {
        value: 312 * T,
        source: 'pc2-a100',
        note: `624 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 432, clockGHz: 1.41, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: { value: 312 * T, source: 'pc2-a100', note: `624 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 624 * T, source: 'pc2-a100', note: `1,248 with sparsity; ${SPARSE_HALVED}` },
      int4: { value: 1248 * T, source: 'pc2-a100', note: `2,496 with sparsity; ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 1555 * G, source: 'klockwood-a100' },
    memory: { value: 40 * GiB, source: 'pc2-a100', note: 'deviceQuery reports 42,405,855,232 bytes usable' },
    power: { value: 400, source: 'klockwood-a100' },
    cache: {
      size: { value: 40 * MiB, source: 'nvidia-ampere-in-depth', note: 'L2; the measured bandwidth plateau ends near 26 MB (two L2 partitions)' },
      bandwidth: { value: 5400 * G, source: 'gpu-benches-l2', note: 'measured on the A100 80GB (same GA100 L2)' },
    },
  },
  {
    id: 'a100-80gb-sxm',
    name: 'NVIDIA A100 SXM4 80GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: { value: 19.5 * T, source: 'klockwood-a100', note: 'FP64 tensor core (DGEMM); non-tensor FP64 is 9.7' },
      fp32: { value: 19.5 * T, source: 'klockwood-a100', note: 'non-tensor; TF32 listed apart' },
      tf32: { value: 156 * T, source: 'klockwood-a100', note: `312 with sparsity; ${SPARSE_HALVED}` },
      fp16: { value: 312 * T, source: 'klockwood-a100', note: `624 with sparsity; ${SPARSE_HALVED}; same compute as the 40GB part` },
      bf16: { value: 312 * T, source: 'klockwood-a100', note: `624 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 624 * T, source: 'klockwood-a100', note: `1,248 with sparsity; ${SPARSE_HALVED}` },
      int4: { value: 1248 * T, source: 'klockwood-a100', note: `2,496 with sparsity; ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 2039 * G, source: 'klockwood-a100', note: 'the A100 80GB PCIe is 1,935 GB/s at 300 W' },
    memory: { value: 80 * GiB, source: 'klockwood-a100' },
    power: { value: 400, source: 'klockwood-a100' },
    cache: {
      size: { value: 40 * MiB, source: 'nvidia-ampere-in-depth', note: 'L2; the measured bandwidth plateau ends near 26 MB (two L2 partitions)' },
      bandwidth: { value: 5400 * G, source: 'gpu-benches-l2' },
    },
  },
  {
    id: 'h100-sxm',
    name: 'NVIDIA H100 SXM5 80GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: { value: 67 * T, source: 'hpctech-h100', note: 'FP64 tensor core (DGEMM); non-tensor FP64 is 34' },
      fp32: { value: 67 * T, source: 'hpctech-h100', note: 'non-tensor; TF32 listed apart' },
      tf32: {
        value: 494.7 * T,
        source: 'klockwood-h100',
        note: `datasheet 989 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      fp16: {
        value: 989.4 * T,
        source: 'klockwood-h100',
        note: `datasheet 1,979 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 1024, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 989.4 * T,
        source: 'klockwood-h100',
        note: `datasheet 1,979 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 1024, unit: 'tensor cores x FLOP per clock' },
      },
      fp8: {
        value: 1978.9 * T,
        source: 'klockwood-h100',
        note: `datasheet 3,958 with sparsity; ${SPARSE_HALVED}`,
        derivation: { cores: 528, clockGHz: 1.83, opsPerCyclePerCore: 2048, unit: 'tensor cores x FLOP per clock' },
      },
      int8: { value: 1978.9 * T, source: 'klockwood-h100', note: `datasheet 3,958 with sparsity; ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 3350 * G, source: 'hpctech-h100' },
    memory: { value: 80 * GiB, source: 'hpctech-h100' },
    power: { value: 700, source: 'hpctech-h100', note: 'up to 700 W (configurable)' },
    cache: {
      size: { value: 50 * MiB, source: 'nvidia-hopper-in-depth', note: 'L2' },
      bandwidth: { value: 9800 * G, source: 'gpu-benches-l2', note: 'measured on the H200, the same GH100 die with 132 SMs and 50 MB of L2' },
    },
    notes: ['Hopper has no INT4 tensor path; int4 work falls back to int8.'],
  },
  {
    id: 'h100-pcie',
    name: 'NVIDIA H100 PCIe 80GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: { value: 51 * T, source: 'hpctech-h100', note: 'FP64 tensor core (DGEMM); non-tensor FP64 is 26' },
      fp32: { value: 51 * T, source: 'hpctech-h100', note: 'non-tensor; TF32 listed apart' },
      tf32: { value: 378 * T, source: 'hpctech-h100', note: `756 with sparsity; ${SPARSE_HALVED}` },
      fp16: { value: 756.5 * T, source: 'hpctech-h100', note: `1,513 with sparsity; ${SPARSE_HALVED}` },
      bf16: { value: 756.5 * T, source: 'hpctech-h100', note: `1,513 with sparsity; ${SPARSE_HALVED}` },
      fp8: { value: 1513 * T, source: 'hpctech-h100', note: `3,026 with sparsity; ${SPARSE_HALVED}` },
      int8: { value: 1513 * T, source: 'hpctech-h100', note: `3,026 with sparsity; ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 2000 * G, source: 'hpctech-h100', note: 'HBM2e' },
    memory: { value: 80 * GiB, source: 'hpctech-h100' },
    power: { value: 350, source: 'hpctech-h100', note: 'TDP 300-350 W; the upper bound is listed' },
    cache: {
      size: { value: 50 * MiB, source: 'chipsandcheese-h100', note: 'L2; the measured bandwidth plateau ends near 36 MB' },
      bandwidth: { value: 6900 * G, source: 'gpu-benches-l2' },
    },
    notes: ["NVIDIA's current H100 page shows the H100 NVL (94 GB, 3.9 TB/s) in place of this part."],
  },
  {
    id: 'h200-sxm',
    name: 'NVIDIA H200 SXM 141GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: { value: 67 * T, source: 'aiminingco-h200', note: 'same GH100 compute as H100 SXM (FP64 tensor core); non-tensor 34' },
      fp32: { value: 67 * T, source: 'aiminingco-h200', note: 'same compute as H100 SXM' },
      tf32: { value: 494.7 * T, source: 'klockwood-h100', note: `as H100 SXM; ${SPARSE_HALVED}` },
      fp16: { value: 989.4 * T, source: 'klockwood-h100', note: `as H100 SXM (1,979 with sparsity); ${SPARSE_HALVED}` },
      bf16: { value: 989.4 * T, source: 'klockwood-h100', note: `as H100 SXM (1,979 with sparsity); ${SPARSE_HALVED}` },
      fp8: { value: 1978.9 * T, source: 'klockwood-h100', note: `as H100 SXM (3,958 with sparsity); ${SPARSE_HALVED}` },
      int8: { value: 1978.9 * T, source: 'klockwood-h100', note: `as H100 SXM (3,958 with sparsity); ${SPARSE_HALVED}` },
    },
    bandwidth: { value: 4800 * G, source: 'aiminingco-h200', note: 'HBM3e' },
    memory: { value: 141 * GiB, source: 'mlcommons-h200' },
    power: { value: 700, source: 'mlcommons-h200', note: 'TGP 700 W' },
    cache: {
      size: { value: 50 * MiB, source: 'nvidia-hopper-in-depth', note: 'L2 of the GH100 die, as H100 SXM' },
      bandwidth: { value: 9800 * G, source: 'gpu-benches-l2' },
    },
  },
  {
    id: 'l40s',
    name: 'NVIDIA L40S 48GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: {
        value: 1.431 * T,
        source: 'itcreations-l40s',
        note: '1:64 of FP32 (TechPowerUp-derived)',
        derivation: { cores: 18176, clockGHz: 2.52, opsPerCyclePerCore: 2 / 64 },
      },
      fp32: { value: 91.6 * T, source: 'mullet-l40s', derivation: { cores: 18176, clockGHz: 2.52, opsPerCyclePerCore: 2 } },
      tf32: { value: 183 * T, source: 'mullet-l40s', note: `366 with sparsity; ${SPARSE_HALVED}` },
      fp16: {
        value: 362.05 * T,
        source: 'mullet-l40s',
        note: "NVIDIA's dense figure (733 with sparsity); NVIDIA's own pair is inconsistent (733 / 2 = 366.5), the smaller dense figure is kept",
      },
      bf16: { value: 362.05 * T, source: 'mullet-l40s', note: 'as fp16' },
      fp8: { value: 733 * T, source: 'mullet-l40s', note: `1,466 with sparsity; ${SPARSE_HALVED}` },
      int8: {
        value: 733 * T,
        source: 'grokipedia-l4-l40s',
        note: 'INT8 at the FP8 tensor rate (1,466 with sparsity, halved); the L40S INT8 row itself was blank in the table read, so this is not verified',
      },
    },
    bandwidth: { value: 864 * G, source: 'mullet-l40s' },
    memory: { value: 48 * GiB, source: 'mullet-l40s' },
    power: { value: 350, source: 'mullet-l40s' },
    notes: ['The L40 (same die, 300 W) is 90.5 FP32 / 181 FP16 / 362 INT8 dense.'],
  },
  {
    id: 'p100-sxm2',
    name: 'NVIDIA Tesla P100 SXM2 16GB',
    class: 'datacenter-gpu',
    peak: {
      fp64: {
        value: 5.3 * T,
        source: 'sysrqmts-p100',
        note: '1792 FP64 cores x 1.48 GHz boost x 2',
        derivation: { cores: 1792, clockGHz: 1.48, opsPerCyclePerCore: 2 },
      },
      fp32: {
        value: 10.6 * T,
        source: 'sysrqmts-p100',
        note: '3584 FP32 cores x 1.48 GHz x 2 = 10.6. A widely copied derivation uses 1.58 GHz, which gives 11.3: the boost clock is 1480 MHz for FP32 as for FP64',
        derivation: { cores: 3584, clockGHz: 1.48, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 21.2 * T,
        source: 'tech4gamers-p100',
        note: 'FP16 at twice the FP32 rate (paired half2 math; Pascal has no tensor cores)',
        derivation: { cores: 3584, clockGHz: 1.48, opsPerCyclePerCore: 4 },
      },
    },
    bandwidth: {
      value: 732 * G,
      source: 'sysrqmts-p100',
      note: '4096-bit HBM2 at 1.43 Gbps = 732 GB/s; the launch material said 720 GB/s',
      derivation: busDerivation(512, 1.43),
    },
    memory: { value: 16 * GiB, source: 'sysrqmts-p100' },
    power: { value: 300, source: 'sysrqmts-p100' },
  },
  // ===================================== GeForce ============================================
  {
    id: 'rtx-3090',
    name: 'NVIDIA GeForce RTX 3090 24GB',
    class: 'consumer-gpu',
    peak: {
      fp64: {
        value: 556 * G,
        source: 'holynerdvana-3090',
        note: '1:64 of FP32 (GA102); derived here, not a vendor figure',
        derivation: { cores: 10496, clockGHz: 1.695, opsPerCyclePerCore: 2 / 64 },
      },
      fp32: {
        value: 35.6 * T,
        source: 'holynerdvana-3090',
        derivation: { cores: 10496, clockGHz: 1.695, opsPerCyclePerCore: 2 },
      },
      tf32: {
        value: 35.6 * T,
        source: 'nvidia-ga102-whitepaper',
        note: '71 with sparsity, halved; not re-verified in this review',
      },
      fp16: {
        value: 71 * T,
        source: 'nvidia-ga102-whitepaper',
        note: 'tensor cores with FP32 accumulate, which frameworks use; GeForce runs it at half the FP16-accumulate rate (142 dense, the figure most spec pages print). 328 x 1.695 GHz x 128; not re-verified against the whitepaper in this review',
        derivation: { cores: 328, clockGHz: 1.695, opsPerCyclePerCore: 128, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 71 * T,
        source: 'nvidia-ga102-whitepaper',
        note: 'BF16 tensor math accumulates in FP32: same rate as fp16 here; not re-verified in this review',
      },
      int8: { value: 284 * T, source: 'nvidia-ga102-whitepaper', note: '568 with sparsity, halved; not re-verified in this review' },
      int4: { value: 568 * T, source: 'nvidia-ga102-whitepaper', note: '1,136 with sparsity, halved; not re-verified in this review' },
    },
    bandwidth: { value: 936 * G, source: 'holynerdvana-3090' },
    memory: { value: 24 * GiB, source: 'holynerdvana-3090' },
    power: { value: 350, source: 'holynerdvana-3090' },
  },
  {
    id: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    class: 'consumer-gpu',
    peak: {
      fp64: {
        value: 1.29 * T,
        source: 'waredb-4090',
        note: '1:64 of FP32',
        derivation: { cores: 16384, clockGHz: 2.52, opsPerCyclePerCore: 2 / 64 },
      },
      fp32: {
        value: 82.6 * T,
        source: 'incpak-4090',
        derivation: { cores: 16384, clockGHz: 2.52, opsPerCyclePerCore: 2 },
      },
      tf32: { value: 82.58 * T, source: 'waredb-4090', note: '165.15 with sparsity, halved' },
      fp16: {
        value: 165.2 * T,
        source: 'waredb-4090',
        note: 'tensor cores with FP32 accumulate, which frameworks use (330.3 with sparsity); FP16 accumulate runs at twice this (330.3 dense)',
        derivation: { cores: 512, clockGHz: 2.52, opsPerCyclePerCore: 128, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: { value: 165.2 * T, source: 'waredb-4090', note: 'FP32 accumulate (330.3 with sparsity), halved' },
      fp8: {
        value: 330.3 * T,
        source: 'waredb-4090',
        note: 'FP8 with FP32 accumulate (660.6 with sparsity), halved; with FP16 accumulate it is 660.6 dense. The Ada whitepaper corrected this row in v2.02',
      },
      int8: { value: 660.6 * T, source: 'waredb-4090', note: '1,321.2 with sparsity, halved' },
      int4: { value: 1321.2 * T, source: 'waredb-4090', note: '2,642.4 with sparsity, halved' },
    },
    bandwidth: { value: 1008 * G, source: 'waredb-4090' },
    memory: { value: 24 * GiB, source: 'waredb-4090' },
    power: { value: 450, source: 'incpak-4090' },
  },
  // ===================================== Jetson =============================================
  {
    id: 'jetson-nano',
    name: 'NVIDIA Jetson Nano 4GB',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 235.9 * G,
        source: 'sysrqmts-jetson-nano',
        note: '128 Maxwell cores x 921.6 MHz x 2',
        derivation: { cores: 128, clockGHz: 0.9216, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 471.9 * G,
        source: 'ultralytics-jetson',
        note: 'the "472 GFLOPS" headline is this FP16 rate (half2 on CUDA cores; Maxwell has no tensor cores and no INT8 dot product)',
        derivation: { cores: 128, clockGHz: 0.9216, opsPerCyclePerCore: 4 },
      },
    },
    bandwidth: { value: 25.6 * G, source: 'ultralytics-jetson', note: '64-bit LPDDR4 at 3200 MT/s', derivation: busDerivation(8, 3.2) },
    memory: { value: 4 * GiB, source: 'ultralytics-jetson' },
    power: { value: 10, source: 'alldbin-jetson-nano-m1', note: '5 W / 10 W power modes; the upper is listed' },
  },
  {
    id: 'jetson-xavier-nx',
    name: 'NVIDIA Jetson Xavier NX 8GB',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 844.8 * G,
        source: 'xavier-nx-datasheet',
        note: '384 Volta cores x 1.1 GHz x 2; derived, not a vendor figure',
        derivation: { cores: 384, clockGHz: 1.1, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 6.758 * T,
        source: 'xavier-nx-datasheet',
        note: 'GPU tensor cores, dense: 48 x 1.1 GHz x 128 FLOP per clock (Volta: 64 FMA per tensor core per clock); derived, not vendor-stated',
        derivation: { cores: 48, clockGHz: 1.1, opsPerCyclePerCore: 128, unit: 'tensor cores x FLOP per clock' },
      },
      int8: {
        value: 13.52 * T,
        source: 'xavier-nx-datasheet',
        note: 'GPU only, dense, derived (48 tensor cores x 1.1 GHz x 256; Xavier tensor cores run INT8 at twice FP16). The "21 TOPS" headline adds the two DLAs; the GPU/DLA split was not found in a vendor document, so the per-clock rate is unverified',
        derivation: { cores: 48, clockGHz: 1.1, opsPerCyclePerCore: 256, unit: 'tensor cores x OP per clock' },
      },
    },
    bandwidth: {
      value: 59.7 * G,
      source: 'ultralytics-jetson',
      note: "NVIDIA's module table says 59.7 GB/s (128-bit LPDDR4x at 3733 MT/s); the preliminary datasheet's 1600 MHz memory clock gives 51.2 GB/s",
    },
    memory: { value: 8 * GiB, source: 'xavier-nx-datasheet' },
    power: { value: 15, source: 'xavier-nx-datasheet-v13', note: '10 W - 15 W power modes in datasheet v1.3; later JetPack releases add a 20 W mode' },
    notes: ['Volta: no BF16, no sparsity. Two DLAs (INT8/FP16 convolution engines) are not in these figures.'],
  },
  {
    id: 'jetson-orin-nano',
    name: 'NVIDIA Jetson Orin Nano 8GB',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 1.28 * T,
        source: 'orin-nano-datasheet',
        note: '1024 Ampere cores x 625 MHz x 2 (derived)',
        derivation: { cores: 1024, clockGHz: 0.625, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 10.24 * T,
        source: 'orin-nano-datasheet',
        note: 'GPU tensor cores, dense, derived: 32 x 625 MHz x 512 FLOP per clock (half the INT8 rate below)',
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 10.24 * T,
        source: 'orin-nano-datasheet',
        note: 'as fp16 (Ampere tensor cores)',
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      int8: {
        value: 20.48 * T,
        source: 'orin-nano-datasheet',
        note: 'GPU dense INT8: 32 tensor cores x 625 MHz x 1024 OP per clock. NVIDIA\'s "40 TOPS" is sparse (the datasheet gives 20 sparse / 10 dense for the 4GB half); the Orin Nano has no DLA. 1024 OP per clock per tensor core is the rate implied by the AGX Orin GPU figure (171 sparse TOPS at 64 x 1.3 GHz)',
        derivation: { cores: 32, clockGHz: 0.625, opsPerCyclePerCore: 1024, unit: 'tensor cores x OP per clock' },
      },
    },
    bandwidth: { value: 68 * G, source: 'orin-nano-super', note: '128-bit LPDDR5; the Super firmware raises it to 102 GB/s (see jetson-orin-nano-super)' },
    memory: { value: 8 * GiB, source: 'orin-nano-datasheet' },
    power: { value: 15, source: 'orin-nano-super', note: '7 W - 15 W modes; the Super firmware adds 25 W' },
    notes: ['Original (pre-"Super") clocks: GPU 625 MHz. JetPack 6.1+ "MAXN SUPER" mode is the jetson-orin-nano-super entry.'],
  },
  {
    id: 'jetson-orin-nano-super',
    name: 'NVIDIA Jetson Orin Nano 8GB (Super, MAXN SUPER mode)',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 2.089 * T,
        source: 'orin-nano-super',
        note: '1024 cores x 1.02 GHz x 2 (derived)',
        derivation: { cores: 1024, clockGHz: 1.02, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 16.71 * T,
        source: 'orin-nano-super',
        note: 'GPU tensor cores, dense, derived: 32 x 1.02 GHz x 512',
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 16.71 * T,
        source: 'orin-nano-super',
        note: 'as fp16',
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      int8: {
        value: 33.42 * T,
        source: 'orin-nano-super',
        note: 'GPU dense INT8, derived: 32 x 1.02 GHz x 1024. NVIDIA\'s "67 TOPS" is sparse (2 x 33.4 = 66.8); no DLA on the Orin Nano',
        derivation: { cores: 32, clockGHz: 1.02, opsPerCyclePerCore: 1024, unit: 'tensor cores x OP per clock' },
      },
    },
    bandwidth: { value: 102 * G, source: 'orin-nano-super', note: 'also 102 GB/s in the Ultralytics table' },
    memory: { value: 8 * GiB, source: 'orin-nano-super' },
    power: { value: 25, source: 'orin-nano-super' },
  },
  {
    id: 'jetson-orin-nx-16gb',
    name: 'NVIDIA Jetson Orin NX 16GB',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 1.88 * T,
        source: 'ultralytics-jetson',
        note: '1024 cores x 918 MHz x 2 (derived)',
        derivation: { cores: 1024, clockGHz: 0.918, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 15.04 * T,
        source: 'ultralytics-jetson',
        note: 'GPU tensor cores, dense, derived: 32 x 918 MHz x 512',
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 15.04 * T,
        source: 'ultralytics-jetson',
        note: 'as fp16',
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      int8: {
        value: 30.08 * T,
        source: 'ultralytics-jetson',
        note: 'GPU dense INT8, derived: 32 x 918 MHz x 1024. The "100 TOPS" headline is sparse and includes the two DLAs (their max is comparable to the AGX Orin 15 W mode, 40 sparse TOPS, per the DLA README)',
        derivation: { cores: 32, clockGHz: 0.918, opsPerCyclePerCore: 1024, unit: 'tensor cores x OP per clock' },
      },
    },
    bandwidth: { value: 102.4 * G, source: 'ultralytics-jetson', note: '128-bit LPDDR5 at 6400 MT/s', derivation: busDerivation(16, 6.4) },
    memory: { value: 16 * GiB, source: 'ultralytics-jetson' },
    power: { value: 25, source: 'nvidia-jetson-modules', note: '10 W - 25 W modes; not verified in this review (later "Super" firmware adds a 40 W mode)' },
    notes: ['Two DLAs (sparse INT8 about 40 TOPS together) are not in these figures: the estimate is for the GPU.'],
  },
  {
    id: 'jetson-agx-orin-64gb',
    name: 'NVIDIA Jetson AGX Orin 64GB',
    class: 'edge-gpu',
    peak: {
      fp32: {
        value: 5.32 * T,
        source: 'ultralytics-jetson',
        note: '2048 cores x 1.3 GHz x 2 (the AGX Orin technical brief says 5.3 FP32 TFLOPS, as quoted in a secondary summary)',
        derivation: { cores: 2048, clockGHz: 1.3, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 42.6 * T,
        source: 'nvidia-dla-readme',
        note: 'GPU tensor cores, dense, derived: 64 x 1.3 GHz x 512 (half the INT8 rate)',
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      bf16: {
        value: 42.6 * T,
        source: 'nvidia-dla-readme',
        note: 'as fp16',
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 512, unit: 'tensor cores x FLOP per clock' },
      },
      int8: {
        value: 85.5 * T,
        source: 'nvidia-dla-readme',
        note: 'GPU only: the DLA README splits the 275 sparse TOPS headline into GPU 171 + 2 DLAs 105 (MAXN); GPU 171 sparse halved = 85.5 dense (64 tensor cores x 1.3 GHz x 1024 = 85.2)',
        derivation: { cores: 64, clockGHz: 1.3, opsPerCyclePerCore: 1024, unit: 'tensor cores x OP per clock' },
      },
    },
    bandwidth: { value: 204.8 * G, source: 'ultralytics-jetson', note: '256-bit LPDDR5 at 6400 MT/s', derivation: busDerivation(32, 6.4) },
    memory: { value: 64 * GiB, source: 'ultralytics-jetson' },
    power: { value: 60, source: 'fixstars-agx-orin', note: '15 W - 60 W configurable; MAXN listed' },
    notes: ['Two DLAs (105 sparse INT8 TOPS together at MAXN) are not in these figures: the estimate is for the GPU.'],
  },
  // ===================================== single-board CPUs ===================================
  {
    id: 'raspberry-pi-4',
    name: 'Raspberry Pi 4 Model B (BCM2711, 4x Cortex-A72 @ 1.8 GHz)',
    class: 'sbc-cpu',
    peak: {
      fp64: {
        value: 28.8 * G,
        source: 'flatlib-a72',
        note: '4 cores x 1.8 GHz x 4 DP FLOP per cycle (derived)',
        derivation: { cores: 4, clockGHz: 1.8, opsPerCyclePerCore: 4 },
      },
      fp32: {
        value: 57.6 * G,
        source: 'flatlib-a72',
        note: '4 cores x 1.8 GHz x 8 SP FLOP per cycle (one 128-bit NEON FMA per cycle, measured by vfpbench); 48 GFLOPS on 1.5 GHz (B0) boards',
        derivation: { cores: 4, clockGHz: 1.8, opsPerCyclePerCore: 8 },
      },
    },
    bandwidth: {
      value: 12.8 * G,
      source: 'rpi-beginners-guide',
      note: '32-bit LPDDR4 at 3200 MT/s (derived; the bus width is from the SoC description, not the guide). Some sources say the controller runs at 2000-2400 MT/s (8-9.6 GB/s)',
      derivation: busDerivation(4, 3.2),
    },
    memory: { value: 8 * GiB, source: 'wikiwand-rpi4', note: '1, 2, 4 or 8 GB boards; 8 GB listed' },
    power: { value: 7.2, source: 'geerling-hpl', note: 'measured average under HPL (whole board), not a rating' },
    notes: [
      'Clock: 1.8 GHz on C0-stepping boards (mid-2021 on); the original B0 boards run 1.5 GHz (wikiwand-rpi4).',
      'ARMv8.0: no FP16 arithmetic and no int8 dot product, so int8 and fp16 work fall back to fp32.',
      'Measured HPL: 11.889 GFLOPS FP64 at 1.8 GHz = 41% of the derived FP64 peak (geerling-hpl).',
    ],
  },
  {
    id: 'raspberry-pi-5',
    name: 'Raspberry Pi 5 (BCM2712, 4x Cortex-A76 @ 2.4 GHz)',
    class: 'sbc-cpu',
    peak: {
      fp64: {
        value: 76.8 * G,
        source: 'anandtech-a76',
        note: '4 cores x 2.4 GHz x 8 DP FLOP per cycle (two 128-bit FMA pipes; derived)',
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 8 },
      },
      fp32: {
        value: 153.6 * G,
        source: 'anandtech-a76',
        note: '4 cores x 2.4 GHz x 16 SP FLOP per cycle (two 128-bit NEON FMA pipes; derived)',
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 16 },
      },
      fp16: {
        value: 307.2 * G,
        source: 'arm-simd-history',
        note: 'Armv8.2 FP16 NEON arithmetic: 8 lanes x 2 pipes x 2 = 32 FLOP per cycle (derived; per-cycle rate assumed from the pipe width, not checked against the Cortex-A76 optimization guide)',
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 32 },
      },
      int8: {
        value: 614.4 * G,
        source: 'arm-simd-history',
        note: 'SDOT/UDOT: 16 int8 MACs per 128-bit instruction x 2 pipes x 2 = 64 OP per cycle (derived; per-cycle rate assumed, unverified)',
        derivation: { cores: 4, clockGHz: 2.4, opsPerCyclePerCore: 64 },
      },
    },
    bandwidth: {
      value: 17.07 * G,
      source: 'circuitdigest-rpi5',
      note: '32-bit LPDDR4X at 4267 MT/s (derived)',
      derivation: busDerivation(4, 4.267),
    },
    memory: { value: 8 * GiB, source: 'circuitdigest-rpi5', note: '4 or 8 GB at launch (2 and 16 GB later); 8 GB listed' },
    power: { value: 11, source: 'geerling-hpl', note: 'measured average under HPL (whole board), not a rating' },
    notes: ['Measured HPL: 30.249 GFLOPS FP64 = 39% of the derived FP64 peak (geerling-hpl).'],
  },
  // ===================================== Apple ==============================================
  {
    id: 'apple-m1',
    name: 'Apple M1 (8-core GPU, 16-core Neural Engine)',
    class: 'apple-soc',
    peak: {
      fp32: {
        value: 2.617 * T,
        source: 'macrumors-m1',
        note: 'GPU: Apple says 2.6 TFLOPS; 8 cores x 128 ALUs x 1.278 GHz x 2 = 2.617 (clock from alldbin-jetson-nano-m1)',
        derivation: { cores: 1024, clockGHz: 1.278, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 11 * T,
        source: 'macrumors-m1',
        note: 'Neural Engine, "11 trillion operations per second" (precision not stated by Apple; the ANE computes in FP16 per neural-engine-16bit). Core ML runs fp16 models there; the GPU FP16 rate is about the FP32 rate',
      },
      int8: {
        value: 11 * T,
        source: 'coremltools-quant-perf',
        note: 'Neural Engine: no faster int8-int8 path before A17 Pro / M4, so int8 runs at the FP16 rate',
      },
    },
    bandwidth: {
      value: 68.26 * G,
      source: 'macrumors-m2',
      note: "derived: 128-bit LPDDR4X at 4266 MT/s; Apple gives no M1 figure, only that M2's 100 GB/s is 50% more",
      derivation: busDerivation(16, 4.266),
    },
    memory: { value: 8 * GiB, source: 'macrumors-m1', note: '8 or 16 GB unified memory; 8 GB listed (not verified in the page read)' },
    notes: ['Apple publishes no power figure for the chip.', 'CPU cores (4 P + 4 E) and the AMX blocks are not modelled.'],
  },
  {
    id: 'apple-m2',
    name: 'Apple M2 (10-core GPU, 16-core Neural Engine)',
    class: 'apple-soc',
    peak: {
      fp32: {
        value: 3.578 * T,
        source: 'askgeek-m2',
        note: 'GPU: 10 cores x 128 ALUs x 1.398 GHz x 2 (derived; Apple states no TFLOPS figure in the release read)',
        derivation: { cores: 1280, clockGHz: 1.398, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 15.8 * T,
        source: 'geekygadgets-m2',
        note: 'Neural Engine, 15.8 trillion operations per second (FP16, see apple-m1)',
      },
      int8: {
        value: 15.8 * T,
        source: 'coremltools-quant-perf',
        note: 'Neural Engine: no faster int8-int8 path before A17 Pro / M4',
      },
    },
    bandwidth: { value: 100 * G, source: 'macrumors-m2', note: 'Apple; LPDDR5-6400 x 128-bit would be 102.4' },
    memory: { value: 8 * GiB, source: 'macrumors-m2', note: '8, 16 or 24 GB unified memory; 8 GB listed' },
    notes: ['Apple publishes no power figure for the chip.'],
  },
  {
    id: 'apple-m3',
    name: 'Apple M3 (10-core GPU, 16-core Neural Engine)',
    class: 'apple-soc',
    peak: {
      fp32: {
        value: 3.58 * T,
        source: 'hmctech-m3',
        note: 'GPU: 1280 ALUs x 1.398 GHz x 2 (derived; Apple states no TFLOPS figure)',
        derivation: { cores: 1280, clockGHz: 1.398, opsPerCyclePerCore: 2 },
      },
      fp16: {
        value: 18 * T,
        source: 'apple-m3-release',
        note: 'Neural Engine: Apple says 60% faster than M1 (11 x 1.6 = 17.6); the 18 TOPS figure is the one quoted by secondary sources, not read in an Apple document',
      },
      int8: {
        value: 18 * T,
        source: 'coremltools-quant-perf',
        note: 'Neural Engine: the faster int8-int8 path starts with A17 Pro / M4, so M3 runs int8 at the FP16 rate (unverified for M3 specifically)',
      },
    },
    bandwidth: {
      value: 102.4 * G,
      source: 'wikipedia-m3',
      note: '8 x 16-bit LPDDR5-6400 controllers (derived); Apple quotes 100 GB/s',
      derivation: busDerivation(16, 6.4),
    },
    memory: { value: 8 * GiB, source: 'wikipedia-m3', note: '8, 16 or 24 GB unified memory; 8 GB listed' },
    notes: ['Apple publishes no power figure for the chip.'],
  },
  // ===================================== desktop and server CPUs ==============================
  {
    id: 'intel-core-i7-12700',
    name: 'Intel Core i7-12700 (8P + 4E, AVX2)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 614.4 * G,
        source: 'intel-ark-i7-12700',
        note: '8 P-cores x 4.8 GHz x 16 DP FLOP per cycle (2 x 256-bit FMA). Derived; the clock is unverified',
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 16 },
      },
      fp32: {
        value: 1228.8 * G,
        source: 'intel-ark-i7-12700',
        note: '8 P-cores x 4.8 GHz (P-core max turbo, an upper bound: sustained all-core clocks under the 65 W base power are lower) x 32 SP FLOP per cycle (2 x 256-bit FMA; AVX-512 is disabled on Alder Lake desktop, maxpc-golden-cove). The 4 Gracemont E-cores are left out. Derived; clock unverified',
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 32 },
      },
      int8: {
        value: 4915.2 * G,
        source: 'intel-ark-i7-12700',
        note: 'AVX-VNNI (VPDPBUSD ymm: 32 u8 x s8 MACs) x 2 per cycle = 128 OP per cycle per P-core (derived; per-cycle rate assumed, unverified)',
        derivation: { cores: 8, clockGHz: 4.8, opsPerCyclePerCore: 128 },
      },
    },
    bandwidth: {
      value: 76.8 * G,
      source: 'intel-ark-i7-12700',
      note: 'dual-channel DDR5-4800 (derived); with DDR4-3200 it is 51.2 GB/s',
      derivation: busDerivation(16, 4.8),
    },
    power: { value: 65, source: 'intel-ark-i7-12700', note: 'processor base power; maximum turbo power 180 W (unverified)' },
    notes: ['Memory size depends on the system (up to 128 GB); none is listed.'],
  },
  {
    id: 'xeon-platinum-8480',
    name: 'Intel Xeon Platinum 8480+ (56-core Sapphire Rapids, AMX)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 3.584 * T,
        source: 'intel-ark-8480',
        note: '56 cores x 2.0 GHz x 32 DP FLOP per cycle (2 x 512-bit FMA); derived at the base clock, which is unverified',
        derivation: { cores: 56, clockGHz: 2.0, opsPerCyclePerCore: 32 },
      },
      fp32: {
        value: 7.168 * T,
        source: 'intel-ark-8480',
        note: '56 cores x 2.0 GHz x 64 SP FLOP per cycle (2 x 512-bit FMA); the sustained AVX-512/AMX clock is not published, so the base clock is assumed',
        derivation: { cores: 56, clockGHz: 2.0, opsPerCyclePerCore: 64 },
      },
      fp16: {
        value: 14.336 * T,
        source: 'intel-ark-8480',
        note: 'AVX512-FP16: 2 x 32 lanes x 2 = 128 FLOP per cycle (derived; unverified). AMX-FP16 only arrives with Granite Rapids (wikipedia-amx); CPU runtimes often compute fp16 graphs in fp32',
        derivation: { cores: 56, clockGHz: 2.0, opsPerCyclePerCore: 128 },
      },
      bf16: {
        value: 114.688 * T,
        source: 'wikipedia-amx',
        note: 'AMX: 1024 BF16 operations per cycle per core x 56 x 2.0 GHz (derived; clock assumed)',
        derivation: { cores: 56, clockGHz: 2.0, opsPerCyclePerCore: 1024 },
      },
      int8: {
        value: 229.376 * T,
        source: 'wikipedia-amx',
        note: 'AMX: 2048 INT8 operations per cycle per core x 56 x 2.0 GHz (derived; clock assumed)',
        derivation: { cores: 56, clockGHz: 2.0, opsPerCyclePerCore: 2048 },
      },
    },
    bandwidth: {
      value: 307.2 * G,
      source: 'wccftech-spr',
      note: 'one socket: 8 channels of DDR5-4800 (derived)',
      derivation: busDerivation(64, 4.8),
    },
    power: {
      value: 350,
      source: 'computerbase-spr',
      note: 'TDP class of the top Sapphire Rapids parts; the 8480+ rating itself was not read in an Intel document',
    },
    notes: ['One socket. Memory size depends on the system; none is listed.'],
  },
  {
    id: 'graviton3',
    name: 'AWS Graviton3 (64x Neoverse V1 @ 2.6 GHz)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 2.6624 * T,
        source: 'wikichip-graviton3',
        note: '64 cores x 2.6 GHz x 16 DP FLOP per cycle (2 x 256-bit SVE FMA; derived, pipe count unverified)',
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 16 },
      },
      fp32: {
        value: 5.3248 * T,
        source: 'wikichip-graviton3',
        note: '64 cores x 2.6 GHz x 32 SP FLOP per cycle (2 x 256-bit SVE FMA, lemire-sve-graviton3 for the width; derived, pipe count unverified)',
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 32 },
      },
      fp16: {
        value: 10.6496 * T,
        source: 'wikichip-graviton3',
        note: 'FP16 vector arithmetic at twice the FP32 lane count (derived; unverified)',
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 64 },
      },
      int8: {
        value: 21.2992 * T,
        source: 'wikichip-graviton3',
        note: 'SDOT on 2 x 256-bit = 64 int8 MACs = 128 OP per cycle (derived; unverified). The BF16/I8MM matrix instructions are not counted',
        derivation: { cores: 64, clockGHz: 2.6, opsPerCyclePerCore: 128 },
      },
    },
    bandwidth: {
      value: 307.2 * G,
      source: 'wikichip-graviton3',
      note: 'octa-channel DDR5-4800',
      derivation: busDerivation(64, 4.8),
    },
    notes: ['AWS publishes no power figure. Memory size depends on the instance; none is listed.'],
  },
  // ===================================== NPUs ===============================================
  {
    id: 'coral-edge-tpu',
    name: 'Google Coral Edge TPU (USB Accelerator / M.2 / Mini PCIe)',
    class: 'npu',
    peak: {
      int8: { value: 4 * T, source: 'coral-faq', note: '"4 trillion (fixed-point) operations per second"; int8 only' },
    },
    bandwidth: {
      value: 0.5 * G,
      source: 'applied-ee-coral',
      note: 'host link, not memory: the Edge TPU has no DRAM. USB 3.0 at 5 Gbit/s with 8b/10b coding = 500 MB/s; the M.2 / Mini PCIe parts use PCIe Gen2 x1, also 500 MB/s. Weights beyond the on-chip SRAM stream over this link',
      derivation: { cores: 1, clockGHz: 5, opsPerCyclePerCore: 0.1, unit: 'B/s: one lane x 5 GT/s x 8/10 coding / 8 bits' },
    },
    memory: { value: 8 * 1024 ** 2, source: 'applied-ee-coral', note: 'on-chip SRAM for parameter caching ("roughly 8 MB"); secondary source' },
    power: { value: 2, source: 'coral-faq', note: '0.5 W per TOPS' },
    notes: ['Runs fully int8-quantized TFLite models only; operators it lacks run on the host CPU.'],
  },
  {
    id: 'hailo-8',
    name: 'Hailo-8 (M.2 key M, PCIe Gen3 x4)',
    class: 'npu',
    peak: {
      int8: { value: 26 * T, source: 'cnx-hailo8', note: 'int8; Hailo-8L is 13' },
    },
    bandwidth: {
      value: 3.938 * G,
      source: 'hailo-community-lanes',
      note: 'host link, not memory: no external DRAM on Hailo-8. PCIe Gen3 x4 = 4 lanes x 8 GT/s x 128/130 / 8; the B+M and A+E key modules have 2 lanes (half this)',
      derivation: { cores: 4, clockGHz: 8, opsPerCyclePerCore: 128 / 130 / 8, unit: 'B/s: PCIe lanes x GT/s x 128b/130b coding / 8 bits' },
    },
    power: { value: 2.5, source: 'branes-hailo', note: 'typical; 8.65 W peak (secondary source)' },
    notes: ['On-chip memory only: the whole model must fit on the chip (cnx-hailo8). Its size is not published in what was read.'],
  },
  // ===================================== GitHub-hosted runners ==============================
  {
    id: 'github-ubuntu-x64',
    name: 'GitHub-hosted runner ubuntu-latest, x64 (4 vCPU = 2 cores of an AMD EPYC 7763, 16 GB)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 112 * G,
        source: 'flatlib-zen3',
        note: '2 physical cores x 3.5 GHz x 16 DP FLOP per cycle (2 x 256-bit FMA); derived like fp32',
        derivation: { cores: 2, clockGHz: 3.5, opsPerCyclePerCore: 16 },
      },
      fp32: {
        value: 224 * G,
        source: 'flatlib-zen3',
        note: 'The 4 vCPUs are 2 Zen 3 cores with 2 SMT threads each (lscpu-gh-ubuntu-x64), so the FMA units count once per physical core: 2 cores x 3.5 GHz (the 7763 peak boost, techgage-milan; base 2.45 GHz, so sustained all-core rates can be lower) x 32 SP FLOP per cycle (2 x 256-bit FMA, no AVX-512)',
        derivation: { cores: 2, clockGHz: 3.5, opsPerCyclePerCore: 32 },
      },
    },
    bandwidth: {
      value: 6.4 * G,
      source: 'anandtech-milan',
      note: "this VM's share of the socket: 8 channels of DDR4-3200 = 204.8 GB/s shared by 128 threads, x 4 vCPUs (derived). A VM can stream more when its neighbours are idle, so this is a floor for a busy host, not a measurement",
      derivation: {
        cores: 64,
        clockGHz: 3.2,
        opsPerCyclePerCore: 4 / 128,
        unit: "B/s: 8 channels x 8 bytes x 3.2 GT/s x 4/128 (this VM's share of the socket's threads)",
      },
    },
    memory: { value: 16 * GiB, source: 'gh-hosted-runners', note: '16 GB (public repositories; private-repository runners have 2 vCPU / 7-8 GB)' },
    notes: [
      'The CPU model is what runner images report (lscpu-gh-ubuntu-x64); GitHub documents only the vCPU count, and some runners now report other EPYC generations.',
      'Shared cloud VM: timings on it vary run to run, which is why budgets gate on the static estimate.',
    ],
  },
  {
    id: 'github-ubuntu-arm64',
    name: 'GitHub-hosted runner ubuntu-24.04-arm, arm64 (4 vCPU = 4 Neoverse N2 cores of an Azure Cobalt 100, 16 GB)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 108.8 * G,
        source: 'anandtech-neoverse-n2',
        note: '4 cores x 3.4 GHz x 8 DP FLOP per cycle (2 x 128-bit FMA; derived, clock unverified)',
        derivation: { cores: 4, clockGHz: 3.4, opsPerCyclePerCore: 8 },
      },
      fp32: {
        value: 217.6 * G,
        source: 'anandtech-neoverse-n2',
        note: 'Neoverse N2 has no SMT, so the 4 vCPUs are 4 cores (arm-astc-cobalt): 4 x 3.4 GHz (azure-dpsv6, unverified) x 16 SP FLOP per cycle (2 x 128-bit SVE2/NEON FMA pipes)',
        derivation: { cores: 4, clockGHz: 3.4, opsPerCyclePerCore: 16 },
      },
    },
    bandwidth: {
      value: 16.8 * G,
      source: 'semianalysis-cobalt',
      note: "this VM's share of the socket: 12 channels of DDR5 (semianalysis-cobalt) at 5600 MT/s (azure-dpsv6, unverified) = 537.6 GB/s shared by 128 cores, x 4 (derived)",
      derivation: {
        cores: 96,
        clockGHz: 5.6,
        opsPerCyclePerCore: 4 / 128,
        unit: "B/s: 12 channels x 8 bytes x 5.6 GT/s x 4/128 (this VM's share of the socket's cores)",
      },
    },
    memory: { value: 16 * GiB, source: 'gh-hosted-runners', note: '16 GB (public repositories)' },
    notes: [
      'int8 dot products (SDOT) and bf16/i8mm matrix instructions exist on Neoverse N2 but are not listed: onnxruntime runs fp32 graphs at the fp32 rate.',
    ],
  },
  {
    id: 'github-macos-arm64',
    name: 'GitHub-hosted runner macos-latest, arm64 (3 vCPU of an Apple M1, 7 GB)',
    class: 'cpu',
    peak: {
      fp64: {
        value: 153.8 * G,
        source: 'anandtech-m1-firestorm',
        note: '3 cores x 3.204 GHz x 16 DP FLOP per cycle (4 x 128-bit FMA; derived)',
        derivation: { cores: 3, clockGHz: 3.204, opsPerCyclePerCore: 16 },
      },
      fp32: {
        value: 307.6 * G,
        source: 'anandtech-m1-firestorm',
        note: 'CPU cores, which is what onnxruntime uses (not the GPU or Neural Engine of apple-m1): 3 vCPUs (ruby-macos14-runner, gh-hosted-runners), assumed to run on Firestorm P-cores, x 3.204 GHz (wikipedia-m1) x 32 SP FLOP per cycle (4 x 128-bit FMA pipes; derived)',
        derivation: { cores: 3, clockGHz: 3.204, opsPerCyclePerCore: 32 },
      },
    },
    bandwidth: {
      value: 68.26 * G,
      source: 'macrumors-m2',
      note: 'the whole M1: 128-bit LPDDR4X at 4266 MT/s (derived, as apple-m1); the VM shares it with the host',
      derivation: busDerivation(16, 4.266),
    },
    memory: { value: 7 * GiB, source: 'ruby-macos14-runner', note: '7 GB (gh-hosted-runners)' },
    notes: [
      'A virtual machine on an M1 Mac mini: whether its 3 vCPUs always land on P-cores is not documented; on E-cores (2.064 GHz, narrower FP) the peak is lower.',
      "The AMX matrix blocks (used by Accelerate, not by onnxruntime's default CPU kernels) are not modelled.",
    ],
  },
];

const BY_ID = new Map(DEVICES.map((d) => [d.id, d]));

/** The catalog device with this id (case and surrounding spaces ignored), or undefined. */
export function findDevice(id: string): Device | undefined {
  return BY_ID.get(id.trim().toLowerCase());
}
