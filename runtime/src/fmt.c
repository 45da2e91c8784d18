/* This file renders SQL values as Java and Flink print them: Double and
 * Float toString (shortest round-trip digits), BigDecimal toString after
 * Jackson's trailing-zero stripping, java.time dates and times, and base64.
 * Every encoder and CAST(... AS STRING) goes through here so the text forms
 * agree. */
#include "sqlkc/fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec_internal.h"

const char sqlkc_rt_digits2[200] =
    "0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546"
    "4748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293"
    "949596979899";

static const uint64_t pow10_u64[20] = {
    1ull,
    10ull,
    100ull,
    1000ull,
    10000ull,
    100000ull,
    1000000ull,
    10000000ull,
    100000000ull,
    1000000000ull,
    10000000000ull,
    100000000000ull,
    1000000000000ull,
    10000000000000ull,
    100000000000000ull,
    1000000000000000ull,
    10000000000000000ull,
    100000000000000000ull,
    1000000000000000000ull,
    10000000000000000000ull,
};

/* ---- Double.toString / Float.toString ------------------------------------ */

/* JDK 19+ prints doubles and floats with Raffaello Giulietti's Schubfach
 * algorithm ("The Schubfach way to render doubles", 2021; the JDK's
 * DoubleToDecimal/FloatToDecimal). Porting the same algorithm, with the
 * same table and the same integer steps, reproduces Java's choice of digits
 * exactly, including the tie rules and the 2-digit rule for tiny
 * subnormals, at the cost of a few multiplications. */

/* For k in [-324, 292]: write 10^-k = beta * 2^r with 2^125 <= beta <
 * 2^126, g = floor(beta) + 1; each row is {g >> 63, g mod 2^63}. Generated
 * exactly with rational arithmetic; it equals the JDK's MathUtils.g table. */
#define G_K_MIN (-324)
static const uint64_t g_table[617][2] = {
    {0x4f0cedc95a718dd4ull, 0x5b01e8b09aa0d1b5ull}, /* -324 */
    {0x7e7b160ef71c1621ull, 0x119ca780f767b5eeull}, /* -323 */
    {0x652f44d8c5b011b4ull, 0x0e16ec672c52f7f2ull}, /* -322 */
    {0x50f29d7a37c00e29ull, 0x581256b8f0425ff5ull}, /* -321 */
    {0x40c21794f96671baull, 0x79a84560c0351991ull}, /* -320 */
    {0x679cf287f570b5f7ull, 0x75da089acd21c281ull}, /* -319 */
    {0x52e3f5399126f7f9ull, 0x44ae6d48a41b0201ull}, /* -318 */
    {0x424ff76140ebf994ull, 0x36f1f106e9af34cdull}, /* -317 */
    {0x6a198bcece465c20ull, 0x57e981a4a918547bull}, /* -316 */
    {0x54e13ca571d1e34dull, 0x2cbace1d541376c9ull}, /* -315 */
    {0x43e763b78e4182a4ull, 0x23c8a4e44342c56eull}, /* -314 */
    {0x6ca56c58e39c043aull, 0x060dd4a06b9e08b0ull}, /* -313 */
    {0x56eabd13e9499cfbull, 0x1e7176e6bc7e6d59ull}, /* -312 */
    {0x458897432107b0c8ull, 0x7ec12bebc9febde1ull}, /* -311 */
    {0x6f40f20501a5e7a7ull, 0x7e01dfdfa9979635ull}, /* -310 */
    {0x5900c19d9aeb1fb9ull, 0x4b34b319547944f7ull}, /* -309 */
    {0x4733ce17af227fc7ull, 0x55c3c27aa9fa9d93ull}, /* -308 */
    {0x71ec7cf2b1d0cc72ull, 0x560603f7765dc8eaull}, /* -307 */
    {0x5b2397288e40a38eull, 0x7804cff92b7e3a55ull}, /* -306 */
    {0x48e945ba0b66e93full, 0x13370cc755fe9511ull}, /* -305 */
    {0x74a86f90123e41feull, 0x51f1ae0bbcca881bull}, /* -304 */
    {0x5d538c7341cb67feull, 0x74c1580963d539afull}, /* -303 */
    {0x4aa93d29016f8665ull, 0x43cde0078310faf3ull}, /* -302 */
    {0x77752ea8024c0a3cull, 0x0616333f381b2b1eull}, /* -301 */
    {0x5f90f22001d66e96ull, 0x3811c298f9af55b1ull}, /* -300 */
    {0x4c73f4e667debedeull, 0x600e35472e25de28ull}, /* -299 */
    {0x7a532170a6313164ull, 0x3349eed849d6303full}, /* -298 */
    {0x61dc1ac084f42783ull, 0x42a18be03b11c033ull}, /* -297 */
    {0x4e49af006a5cec69ull, 0x1bb46fe695a7ccf5ull}, /* -296 */
    {0x7d42b19a43c7e0a8ull, 0x2c53e63dbc3fae55ull}, /* -295 */
    {0x64355ae1cfd31a20ull, 0x237651cafcffbeaaull}, /* -294 */
    {0x502aaf1b0ca8e1b3ull, 0x35f8416f30cc9888ull}, /* -293 */
    {0x402225af3d53e7c2ull, 0x5e603458f3d6e06dull}, /* -292 */
    {0x669d0918621fd937ull, 0x4a3386f4b957cd7bull}, /* -291 */
    {0x52173a79e8197a92ull, 0x6e8f9f2a2ddfd796ull}, /* -290 */
    {0x41ac2ec7ece12edbull, 0x720c7f54f17fdfabull}, /* -289 */
    {0x69137e0cae3517c6ull, 0x1ce0cbbb1bffcc45ull}, /* -288 */
    {0x540f980a24f74638ull, 0x171a3c95afffd69eull}, /* -287 */
    {0x433facd4ea5f6b60ull, 0x127b63aaf3331218ull}, /* -286 */
    {0x6b991487dd657899ull, 0x6a5f05de51eb5026ull}, /* -285 */
    {0x5614106cb11dfa14ull, 0x5518d17ea7ef7352ull}, /* -284 */
    {0x44dcd9f08db194ddull, 0x2a7a41321ff2c2a8ull}, /* -283 */
    {0x6e2e2980e2b5bafbull, 0x5d906850331e043full}, /* -282 */
    {0x5824ee00b55e2f2full, 0x647386a68f4b3699ull}, /* -281 */
    {0x4683f19a2ab1bf59ull, 0x36c2d21ed908f87bull}, /* -280 */
    {0x70d31c29dde93228ull, 0x579e1cfe280e5a5dull}, /* -279 */
    {0x5a427cee4b20f4edull, 0x2c7e7d98200b7b7eull}, /* -278 */
    {0x483530bea280c3f1ull, 0x09fecae019a2c932ull}, /* -277 */
    {0x73884dfdd0ce064eull, 0x43314499c29e0eb6ull}, /* -276 */
    {0x5c6d0b3173d8050bull, 0x4f5a9d47cee4d891ull}, /* -275 */
    {0x49f0d5c129799da2ull, 0x72aee4397250ad41ull}, /* -274 */
    {0x764e22cea8c295d1ull, 0x377e39f583b44868ull}, /* -273 */
    {0x5ea4e8a553cede41ull, 0x12cb61913629d387ull}, /* -272 */
    {0x4bb72084430be500ull, 0x756f8140f8217605ull}, /* -271 */
    {0x792500d39e796e67ull, 0x6f18cece59cf233cull}, /* -270 */
    {0x60ea670fb1fabeb9ull, 0x3f470bd847d8e8fdull}, /* -269 */
    {0x4d885272f4c89894ull, 0x329f3cad064720caull}, /* -268 */
    {0x7c0d50b7ee0dc0edull, 0x37652de1a3a50143ull}, /* -267 */
    {0x633dda2cbe716724ull, 0x2c50f1814fb73436ull}, /* -266 */
    {0x4f64ae8a31f45283ull, 0x3d0d8e010c92902bull}, /* -265 */
    {0x7f077da9e986ea6bull, 0x7b48e334e0ea8045ull}, /* -264 */
    {0x659f97bb2138bb89ull, 0x49071c2a4d88669dull}, /* -263 */
    {0x514c796280fa2fa1ull, 0x20d27ceea46d1ee4ull}, /* -262 */
    {0x4109fab533fb594dull, 0x670eca58838a7f1dull}, /* -261 */
    {0x680ff788532bc216ull, 0x0b4add5a6c10cb62ull}, /* -260 */
    {0x533ff939dc2301abull, 0x22a24aaebcda3c4eull}, /* -259 */
    {0x4299942e49b59aefull, 0x354ea22563e1c9d8ull}, /* -258 */
    {0x6a8f537d42bc2b18ull, 0x554a9d089fcfa95aull}, /* -257 */
    {0x553f75fdcefcef46ull, 0x776ee406e63fbaaeull}, /* -256 */
    {0x4432c4cb0bfd8c38ull, 0x5f8be99f1e996225ull}, /* -255 */
    {0x6d1e07ab466279f4ull, 0x327975cb64289d08ull}, /* -254 */
    {0x574b3955d1e86190ull, 0x28612b091ced4a6dull}, /* -253 */
    {0x45d5c777db204e0dull, 0x06b4226db0bdd524ull}, /* -252 */
    {0x6fbc72595e9a167bull, 0x24536a491ac95506ull}, /* -251 */
    {0x59638eade54811fcull, 0x1d0f883a7bd44405ull}, /* -250 */
    {0x4782d88b1dd34196ull, 0x4a72d361fca9d004ull}, /* -249 */
    {0x726af411c952028aull, 0x43eaebcffaa94cd3ull}, /* -248 */
    {0x5b88c3416ddb353bull, 0x4fef230cc88770a9ull}, /* -247 */
    {0x493a35cdf17c2a96ull, 0x0cbf4f3d6d3926eeull}, /* -246 */
    {0x7529efafe8c6aa89ull, 0x61321862485b717cull}, /* -245 */
    {0x5dbb262653d22207ull, 0x675b46b506af8dfdull}, /* -244 */
    {0x4afc1e850fdb4e6cull, 0x52af6bc405593e64ull}, /* -243 */
    {0x77f9ca6e7fc54a47ull, 0x377f12d33bc1fd6dull}, /* -242 */
    {0x5ffb085866376e9full, 0x45ff42429634cabdull}, /* -241 */
    {0x4cc8d379eb5f8bb2ull, 0x6b329b68782a3bcbull}, /* -240 */
    {0x7adaebf64565ac51ull, 0x2b842bda59dd2c77ull}, /* -239 */
    {0x6248bcc5045156a7ull, 0x3c69bcaeae4a89f9ull}, /* -238 */
    {0x4ea0970403744552ull, 0x6387ca25583ba194ull}, /* -237 */
    {0x7dcdbe6cd253a21eull, 0x05a6103bc05f68edull}, /* -236 */
    {0x64a498570ea94e7eull, 0x37b80cfc99e5ed8aull}, /* -235 */
    {0x5083ad1272210b98ull, 0x2c933d96e184be08ull}, /* -234 */
    {0x40695741f4e73c79ull, 0x7075cadf1ad09807ull}, /* -233 */
    {0x670ef2032171fa5cull, 0x4d8944982ae759a4ull}, /* -232 */
    {0x52725b35b45b2eb0ull, 0x3e076a135585e150ull}, /* -231 */
    {0x41f515c49048f226ull, 0x64d2bb42aad1810dull}, /* -230 */
    {0x698822d41a0e503eull, 0x07b7920444826815ull}, /* -229 */
    {0x546ce8a9ae71d9cbull, 0x1fc60e69d0685344ull}, /* -228 */
    {0x438a53baf1f4ae3cull, 0x196b3ebb0d20429dull}, /* -227 */
    {0x6c1085f7e9877d2dull, 0x0f11fdf815006a94ull}, /* -226 */
    {0x56739e5fee05fdbdull, 0x58db319344005543ull}, /* -225 */
    {0x45294b7ff19e6497ull, 0x60af5adc3666aa9cull}, /* -224 */
    {0x6ea878ccb5ca3a8cull, 0x344bc4938a3dddc7ull}, /* -223 */
    {0x5886c70a2b082ed6ull, 0x5d096a0fa1cb17d2ull}, /* -222 */
    {0x46d238d4ef39bf12ull, 0x173abb3fb4a27975ull}, /* -221 */
    {0x71505aee4b8f981dull, 0x0b912b992103f588ull}, /* -220 */
    {0x5aa6af25093face4ull, 0x0940efadb4032ad3ull}, /* -219 */
    {0x488558ea6dcc8a50ull, 0x07672624900288a9ull}, /* -218 */
    {0x74088e43e2e0dd4cull, 0x723ea36db337410eull}, /* -217 */
    {0x5cd3a5031be71770ull, 0x5b654f8af5c5cda5ull}, /* -216 */
    {0x4a42ea68e31f45f3ull, 0x62b772d5916b0aebull}, /* -215 */
    {0x76d1770e38320986ull, 0x0458b7bc1bde77ddull}, /* -214 */
    {0x5f0df8d82cf4d46bull, 0x1d13c630164b9318ull}, /* -213 */
    {0x4c0b2d79bd90a9efull, 0x30dc9e8cdea2dc13ull}, /* -212 */
    {0x79ab7bf5fc1aa97full, 0x0160fdae31049351ull}, /* -211 */
    {0x6155fcc4c9aeedffull, 0x1ab3fe24f403a90eull}, /* -210 */
    {0x4dde63d0a158be65ull, 0x6229981d9002eda5ull}, /* -209 */
    {0x7c97061a9bc130a2ull, 0x69dc2695b337e2a1ull}, /* -208 */
    {0x63ac04e2163426e8ull, 0x54b01ede28f9821bull}, /* -207 */
    {0x4fbcd0b4de901f20ull, 0x43c018b1ba6134e2ull}, /* -206 */
    {0x7f9481216419cb67ull, 0x1f99c11c5d68549dull}, /* -205 */
    {0x6610674de9ae3c52ull, 0x4c7b00e37ded107eull}, /* -204 */
    {0x51a6b90b21583042ull, 0x09fc00b5fe574065ull}, /* -203 */
    {0x41522da2811359ceull, 0x3b3000919845cd1dull}, /* -202 */
    {0x68837c3734ebc2e3ull, 0x784ccdb5c06fae95ull}, /* -201 */
    {0x539c635f5d8968b6ull, 0x2d0a3e2b00595877ull}, /* -200 */
    {0x42e382b2b13aba2bull, 0x3da1cb5599e11393ull}, /* -199 */
    {0x6b059deab52ac378ull, 0x629c7888f634ec1eull}, /* -198 */
    {0x559e17eef755692dull, 0x3549fa072b5d89b1ull}, /* -197 */
    {0x447e798bf91120f1ull, 0x1107fb38ef7e07c1ull}, /* -196 */
    {0x6d9728dff4e834b5ull, 0x01a65ec17f300c68ull}, /* -195 */
    {0x57ac20b32a535d5dull, 0x4e1eb23465c009edull}, /* -194 */
    {0x46234d5c21dc4ab1ull, 0x24e55b5d1e333b24ull}, /* -193 */
    {0x70387bc69c93aab5ull, 0x216ef894fd1ec506ull}, /* -192 */
    {0x59c6c96bb076222aull, 0x4df2607730e56a6cull}, /* -191 */
    {0x47d23abc8d2b4e88ull, 0x3e5b805f5a5121f0ull}, /* -190 */
    {0x72e9f79415121740ull, 0x63c59a322a1b697full}, /* -189 */
    {0x5bee5fa9aa74df67ull, 0x03047b5b54e2baccull}, /* -188 */
    {0x498b7fbaeec3e5ecull, 0x0269fc4910b5623dull}, /* -187 */
    {0x75abff917e063cacull, 0x6a432d41b45569fbull}, /* -186 */
    {0x5e2332dacb38308aull, 0x21cf5767c37787fcull}, /* -185 */
    {0x4b4f5be23c2cf3a1ull, 0x67d912b9692c6ccaull}, /* -184 */
    {0x787ef969f9e185cfull, 0x595b5128a8471476ull}, /* -183 */
    {0x60659454c7e79e3full, 0x6115da86ed05a9f8ull}, /* -182 */
    {0x4d1e1043d31fb1ccull, 0x4dab1538bd9e2193ull}, /* -181 */
    {0x7b634d3951cc4fadull, 0x62ab552795c9cf52ull}, /* -180 */
    {0x62b5d7610e3d0c8bull, 0x0222aa86116e3f75ull}, /* -179 */
    {0x4ef7df80d830d6d5ull, 0x4e822204dabe992aull}, /* -178 */
    {0x7e59659af38157bcull, 0x17369cd49130f510ull}, /* -177 */
    {0x65145148c2cddfc9ull, 0x5f5ee3dd40f3f740ull}, /* -176 */
    {0x50dd0dd3cf0b196eull, 0x1918b64a9a5cc5cdull}, /* -175 */
    {0x40b0d7dca5a27abeull, 0x4746f83baeb09e3eull}, /* -174 */
    {0x678159610903f797ull, 0x253e59f91780fd2full}, /* -173 */
    {0x52cde11a6d9cc612ull, 0x50feae60df9a6426ull}, /* -172 */
    {0x423e4daebe1704dbull, 0x5a65584d7faeb685ull}, /* -171 */
    {0x69fd4917968b3af9ull, 0x10a226e265e4573bull}, /* -170 */
    {0x54caa0dfaba29594ull, 0x0d4e8581eb1d1295ull}, /* -169 */
    {0x43d54d7fbc821143ull, 0x243ed134bc174211ull}, /* -168 */
    {0x6c887bff94034ed2ull, 0x06cae85460253682ull}, /* -167 */
    {0x56d396661002a574ull, 0x6bd586a9e6842b9bull}, /* -166 */
    {0x457611eb40021df7ull, 0x09779eee52035616ull}, /* -165 */
    {0x6f234fdeccd02ff1ull, 0x5bf297e3b66bbcefull}, /* -164 */
    {0x58e90cb23d73598eull, 0x165bacb62b8963f3ull}, /* -163 */
    {0x4720d6f4fdf5e13eull, 0x451623c4efa11cc2ull}, /* -162 */
    {0x71ce24bb2fefcecaull, 0x3b569fa17f682e03ull}, /* -161 */
    {0x5b0b5095bff30bd5ull, 0x15dee61acc535803ull}, /* -160 */
    {0x48d5da11665c0977ull, 0x2b18b8157042accfull}, /* -159 */
    {0x74895ce8a3c6758bull, 0x5e8df355806aae18ull}, /* -158 */
    {0x5d3ab0ba1c9ec46full, 0x653e5c4466bbbe7aull}, /* -157 */
    {0x4a955a2e7d4bd059ull, 0x3765169d1efc9861ull}, /* -156 */
    {0x77555d172edfb3c2ull, 0x256e8a94fe60f3cfull}, /* -155 */
    {0x5f777dac257fc301ull, 0x6abed543feb3f63full}, /* -154 */
    {0x4c5f97bceacc9c01ull, 0x3bcbddcffef65e99ull}, /* -153 */
    {0x7a328c6177adc668ull, 0x5fac961997f0975bull}, /* -152 */
    {0x61c209e792f16b86ull, 0x7fbd44e1465a12afull}, /* -151 */
    {0x4e34d4b9425abc6bull, 0x7fca9d810514dbbfull}, /* -150 */
    {0x7d21545b9d5dfa46ull, 0x32ddc8ce6e87c5ffull}, /* -149 */
    {0x641aa9e2e44b2e9eull, 0x5be4a0a525396b32ull}, /* -148 */
    {0x501554b5836f587eull, 0x7cb6e6ea842def5cull}, /* -147 */
    {0x4011109135f2ad32ull, 0x30925255368b25e3ull}, /* -146 */
    {0x6681b41b89844850ull, 0x4db6ea21f0dea304ull}, /* -145 */
    {0x52015ce2d469d373ull, 0x57c5881b2718826aull}, /* -144 */
    {0x419ab0b576bb0f8full, 0x5fd139af527a01efull}, /* -143 */
    {0x68f781225791b27full, 0x4c81f5e550c3364aull}, /* -142 */
    {0x53f9341b79415b99ull, 0x239b2b1dda35c508ull}, /* -141 */
    {0x432dc3492dcde2e1ull, 0x02e288e4ae916a6dull}, /* -140 */
    {0x6b7c6ba849496b01ull, 0x516a74a1174f10aeull}, /* -139 */
    {0x55fd22ed076def34ull, 0x4121f6e745d8da25ull}, /* -138 */
    {0x44ca82573924bf5dull, 0x1a8192529e4714ebull}, /* -137 */
    {0x6e10d08b8ea1322eull, 0x5d9c1d50fd3e87ddull}, /* -136 */
    {0x580d73a2d880f4f2ull, 0x17b01773fdcb9fe4ull}, /* -135 */
    {0x4671294f139a5d8eull, 0x4626792997d61984ull}, /* -134 */
    {0x70b50ee4ec2a2f4aull, 0x3d0a5b75bfbcf59full}, /* -133 */
    {0x5a2a7250bcee8c3bull, 0x4a6eaf916630c47full}, /* -132 */
    {0x4821f50d63f209c9ull, 0x21f2260deb5a36ccull}, /* -131 */
    {0x736988156cb6760eull, 0x69837016455d247aull}, /* -130 */
    {0x5c546cddf091f80bull, 0x6e02c011d1175062ull}, /* -129 */
    {0x49dd23e4c074c66full, 0x719bccdb0dac404eull}, /* -128 */
    {0x762e9fd467213d7full, 0x68f947c4e2ad33b0ull}, /* -127 */
    {0x5e8bb3105280fdffull, 0x6d94396a4ef0f627ull}, /* -126 */
    {0x4ba2f5a6a8673199ull, 0x3e102deea58d91b9ull}, /* -125 */
    {0x7904bc3dda3eb5c2ull, 0x3019e3176f48e927ull}, /* -124 */
    {0x60d09697e1cbc49bull, 0x4014b5ac590720ecull}, /* -123 */
    {0x4d73abacb4a303afull, 0x4cdd5e237a6c1a57ull}, /* -122 */
    {0x7bec45e12104d2b2ull, 0x47c8969f2a46908aull}, /* -121 */
    {0x63236b1a80d0a88eull, 0x6ca0787f5505406full}, /* -120 */
    {0x4f4f88e200a6ed3full, 0x0a19f9ff773766bfull}, /* -119 */
    {0x7ee5a7d0010b1531ull, 0x5cf65ccbf1f23dfeull}, /* -118 */
    {0x6584864000d5aa8eull, 0x172b7d6ff4c1cb32ull}, /* -117 */
    {0x5136d1cccd77bba4ull, 0x78ef978cc3ce3c28ull}, /* -116 */
    {0x40f8a7d70ac62fb7ull, 0x13f2dfa3cfd83020ull}, /* -115 */
    {0x67f43fbe77a37f8bull, 0x398499061959e699ull}, /* -114 */
    {0x5329cc985fb5ffa2ull, 0x6136e0d1ade18548ull}, /* -113 */
    {0x4287d6e04c91994full, 0x00f8b3daf181376dull}, /* -112 */
    {0x6a72f166e0e8f54bull, 0x1b27862b1c01f247ull}, /* -111 */
    {0x5528c11f1a53f76full, 0x2f52d1bc1667f506ull}, /* -110 */
    {0x44209a7f48432c59ull, 0x0c424163451ff738ull}, /* -109 */
    {0x6d00f7320d3846f4ull, 0x7a039bd208332526ull}, /* -108 */
    {0x5733f8f4d76038c3ull, 0x7b361641a028ea85ull}, /* -107 */
    {0x45c32d90ac4cfa36ull, 0x2f5e78348020bb9eull}, /* -106 */
    {0x6f9eaf4de07b29f0ull, 0x4bca59ed99cdf8fcull}, /* -105 */
    {0x594bbf71806287f3ull, 0x563b7b247b0b2d96ull}, /* -104 */
    {0x476fcc5acd1b9ff6ull, 0x11c92f50626f57acull}, /* -103 */
    {0x724c7a2ae1c5ccbdull, 0x02db7ee703e55912ull}, /* -102 */
    {0x5b7061bbe7d17097ull, 0x1be2cbec031de0dcull}, /* -101 */
    {0x4926b496530df3acull, 0x164f09899c17e716ull}, /* -100 */
    {0x750aba8a1e7cb913ull, 0x3d4b4275c68ca4f0ull}, /* -99 */
    {0x5da22ed4e530940full, 0x4aa29b916ba3b726ull}, /* -98 */
    {0x4ae825771dc07672ull, 0x6ee87c74561c9285ull}, /* -97 */
    {0x77d9d58b62cd8a51ull, 0x3173fa53bcfa8408ull}, /* -96 */
    {0x5fe177a2b5713b74ull, 0x278ffb7630c869a0ull}, /* -95 */
    {0x4cb45fb55df42f90ull, 0x1fa662c4f3d387b3ull}, /* -94 */
    {0x7aba32bbc986b280ull, 0x32a3d13b1fb8d91full}, /* -93 */
    {0x622e8efca1388ecdull, 0x0ee9742f4c93e0e6ull}, /* -92 */
    {0x4e8ba596e760723dull, 0x58bac3590a0fe71eull}, /* -91 */
    {0x7dac3c24a5671d2full, 0x412ad228101971c9ull}, /* -90 */
    {0x6489c9b6eab8e426ull, 0x00ef0e8673478e3bull}, /* -89 */
    {0x506e3af8bbc71cebull, 0x1a58d86b8f6c71c9ull}, /* -88 */
    {0x40582f2d6305b0bcull, 0x1513e0560c56c16eull}, /* -87 */
    {0x66f37eaf04d5e793ull, 0x3b530089ad579be2ull}, /* -86 */
    {0x525c6558d0ab1fa9ull, 0x15dc006e2446164full}, /* -85 */
    {0x41e384470d55b2edull, 0x5e4999f1b69e783full}, /* -84 */
    {0x696c06d81555eb15ull, 0x7d428fe92430c065ull}, /* -83 */
    {0x54566be0111188deull, 0x31020cba835a3384ull}, /* -82 */
    {0x4378564cda746d7eull, 0x5a680a2ecf7b5c69ull}, /* -81 */
    {0x6bf3bd47c3ed7bfdull, 0x770cdd17b25efa42ull}, /* -80 */
    {0x565c976c9cbdfccbull, 0x1270b0dfc1e59502ull}, /* -79 */
    {0x4516df8a16fe63d5ull, 0x5b8d5a4c9b1e10ceull}, /* -78 */
    {0x6e8aff4357fd6c89ull, 0x127bc3adc4fce7b0ull}, /* -77 */
    {0x586f329c466456d4ull, 0x0ec96957d0ca52f3ull}, /* -76 */
    {0x46bf5bb038504576ull, 0x3f07877973d50f29ull}, /* -75 */
    {0x71322c4d26e6d58aull, 0x31a5a58f1fbb4b75ull}, /* -74 */
    {0x5a8e89d75252446eull, 0x5aeaead8e62f6f91ull}, /* -73 */
    {0x487207df750e9d25ull, 0x2f22557a51bf8c74ull}, /* -72 */
    {0x73e9a63254e42ea2ull, 0x1836ef2a1c65ad86ull}, /* -71 */
    {0x5cbaeb5b771cf21bull, 0x2cf8bf54e3848ad2ull}, /* -70 */
    {0x4a2f22af927d8e7cull, 0x23fa32aa4f9d3bdbull}, /* -69 */
    {0x76b1d118ea627d93ull, 0x5329eaaa18fb92f8ull}, /* -68 */
    {0x5ef4a74721e86476ull, 0x0f54bbbb472fa8c6ull}, /* -67 */
    {0x4bf6ec38e7ed1d2bull, 0x25dd62fc38f2ed6cull}, /* -66 */
    {0x798b138e3fe1c845ull, 0x22fbd1938e517bdfull}, /* -65 */
    {0x613c0fa4ffe7d36aull, 0x4f2fdadc71dac97full}, /* -64 */
    {0x4dc9a61d998642bbull, 0x58f3157d27e23accull}, /* -63 */
    {0x7c75d695c2706ac5ull, 0x74b82261d969f7adull}, /* -62 */
    {0x63917877cec0556bull, 0x10934eb4adee5fbeull}, /* -61 */
    {0x4fa793930bcd1122ull, 0x4075d8908b251965ull}, /* -60 */
    {0x7f7285b812e1b504ull, 0x00bc8db411d4f56eull}, /* -59 */
    {0x65f537c675815d9cull, 0x66fd3e29a7dd9125ull}, /* -58 */
    {0x5190f96b91344ae3ull, 0x6bfdcb54864ada84ull}, /* -57 */
    {0x4140c78940f6a24full, 0x6ffe3c439ea2486aull}, /* -56 */
    {0x6867a5a867f103b2ull, 0x7ffd2d38fdd073dcull}, /* -55 */
    {0x53861e2053273628ull, 0x6664242d97d9f64aull}, /* -54 */
    {0x42d1b1b375b8f820ull, 0x51e9b68adfe191d5ull}, /* -53 */
    {0x6ae91c5255f4c034ull, 0x1ca924116635b621ull}, /* -52 */
    {0x558749db77f70029ull, 0x63ba83411e915e81ull}, /* -51 */
    {0x446c3b15f9926687ull, 0x6962029a7edab201ull}, /* -50 */
    {0x6d79f82328ea3da6ull, 0x0f03375d97c45001ull}, /* -49 */
    {0x5794c6828721caebull, 0x259c2c4adfd04001ull}, /* -48 */
    {0x46109eced2816f22ull, 0x5149bd08b30d0001ull}, /* -47 */
    {0x701a97b150cf1837ull, 0x3542c80deb480001ull}, /* -46 */
    {0x59aedfc10d7279c5ull, 0x7768a00b22a00001ull}, /* -45 */
    {0x47bf19673df52e37ull, 0x79208008e8800001ull}, /* -44 */
    {0x72cb5bd86321e38cull, 0x5b67334174000001ull}, /* -43 */
    {0x5bd5e313828182d6ull, 0x7c528f6790000001ull}, /* -42 */
    {0x4977e8dc68679bdfull, 0x16a872b940000001ull}, /* -41 */
    {0x758ca7c70d7292feull, 0x5773eac200000001ull}, /* -40 */
    {0x5e0a1fd271287598ull, 0x45f6556800000001ull}, /* -39 */
    {0x4b3b4ca85a86c47aull, 0x04c5112000000001ull}, /* -38 */
    {0x785ee10d5da46d90ull, 0x07a1b50000000001ull}, /* -37 */
    {0x604be73de4838ad9ull, 0x52e7c40000000001ull}, /* -36 */
    {0x4d0985cb1d3608aeull, 0x0f1fd00000000001ull}, /* -35 */
    {0x7b426fab61f00de3ull, 0x31cc800000000001ull}, /* -34 */
    {0x629b8c891b267182ull, 0x5b0a000000000001ull}, /* -33 */
    {0x4ee2d6d415b85aceull, 0x7c08000000000001ull}, /* -32 */
    {0x7e37be2022c0914bull, 0x1340000000000001ull}, /* -31 */
    {0x64f964e68233a76full, 0x2900000000000001ull}, /* -30 */
    {0x50c783eb9b5c85f2ull, 0x5400000000000001ull}, /* -29 */
    {0x409f9cbc7c4a04c2ull, 0x1000000000000001ull}, /* -28 */
    {0x6765c793fa10079dull, 0x0000000000000001ull}, /* -27 */
    {0x52b7d2dcc80cd2e4ull, 0x0000000000000001ull}, /* -26 */
    {0x422ca8b0a00a4250ull, 0x0000000000000001ull}, /* -25 */
    {0x69e10de76676d080ull, 0x0000000000000001ull}, /* -24 */
    {0x54b40b1f852bda00ull, 0x0000000000000001ull}, /* -23 */
    {0x43c33c1937564800ull, 0x0000000000000001ull}, /* -22 */
    {0x6c6b935b8bbd4000ull, 0x0000000000000001ull}, /* -21 */
    {0x56bc75e2d6310000ull, 0x0000000000000001ull}, /* -20 */
    {0x4563918244f40000ull, 0x0000000000000001ull}, /* -19 */
    {0x6f05b59d3b200000ull, 0x0000000000000001ull}, /* -18 */
    {0x58d15e1762800000ull, 0x0000000000000001ull}, /* -17 */
    {0x470de4df82000000ull, 0x0000000000000001ull}, /* -16 */
    {0x71afd498d0000000ull, 0x0000000000000001ull}, /* -15 */
    {0x5af3107a40000000ull, 0x0000000000000001ull}, /* -14 */
    {0x48c2739500000000ull, 0x0000000000000001ull}, /* -13 */
    {0x746a528800000000ull, 0x0000000000000001ull}, /* -12 */
    {0x5d21dba000000000ull, 0x0000000000000001ull}, /* -11 */
    {0x4a817c8000000000ull, 0x0000000000000001ull}, /* -10 */
    {0x7735940000000000ull, 0x0000000000000001ull}, /* -9 */
    {0x5f5e100000000000ull, 0x0000000000000001ull}, /* -8 */
    {0x4c4b400000000000ull, 0x0000000000000001ull}, /* -7 */
    {0x7a12000000000000ull, 0x0000000000000001ull}, /* -6 */
    {0x61a8000000000000ull, 0x0000000000000001ull}, /* -5 */
    {0x4e20000000000000ull, 0x0000000000000001ull}, /* -4 */
    {0x7d00000000000000ull, 0x0000000000000001ull}, /* -3 */
    {0x6400000000000000ull, 0x0000000000000001ull}, /* -2 */
    {0x5000000000000000ull, 0x0000000000000001ull}, /* -1 */
    {0x4000000000000000ull, 0x0000000000000001ull}, /* 0 */
    {0x6666666666666666ull, 0x3333333333333334ull}, /* 1 */
    {0x51eb851eb851eb85ull, 0x0f5c28f5c28f5c29ull}, /* 2 */
    {0x4189374bc6a7ef9dull, 0x5916872b020c49bbull}, /* 3 */
    {0x68db8bac710cb295ull, 0x74f0d844d013a92bull}, /* 4 */
    {0x53e2d6238da3c211ull, 0x43f3e0370cdc8755ull}, /* 5 */
    {0x431bde82d7b634daull, 0x698fe69270b06c44ull}, /* 6 */
    {0x6b5fca6af2bd215eull, 0x0f4ca41d811a46d4ull}, /* 7 */
    {0x55e63b88c230e77eull, 0x3f70834acdae9f10ull}, /* 8 */
    {0x44b82fa09b5a52cbull, 0x4c5a02a23e254c0dull}, /* 9 */
    {0x6df37f675ef6eadfull, 0x2d5cd10396a21347ull}, /* 10 */
    {0x57f5ff85e592557full, 0x3de3da69454e75d3ull}, /* 11 */
    {0x465e6604b7a84465ull, 0x7e4fe1edd10b9175ull}, /* 12 */
    {0x709709a125da0709ull, 0x4a19697c81ac1befull}, /* 13 */
    {0x5a126e1a84ae6c07ull, 0x54e1213067bce326ull}, /* 14 */
    {0x480ebe7b9d58566cull, 0x43e74dc052fd8285ull}, /* 15 */
    {0x734aca5f6226f0adull, 0x530baf9a1e626a6dull}, /* 16 */
    {0x5c3bd5191b525a24ull, 0x426fbfae7eb521f1ull}, /* 17 */
    {0x49c97747490eae83ull, 0x4ebfcc8b9890e7f4ull}, /* 18 */
    {0x760f253edb4ab0d2ull, 0x4acc7a78f41b0cbaull}, /* 19 */
    {0x5e72843249088d75ull, 0x223d2ec729af3d62ull}, /* 20 */
    {0x4b8ed0283a6d3df7ull, 0x34fdbf05baf29781ull}, /* 21 */
    {0x78e480405d7b9658ull, 0x54c931a2c4b758cfull}, /* 22 */
    {0x60b6cd004ac94513ull, 0x5d6dc14f03c5e0a5ull}, /* 23 */
    {0x4d5f0a66a23a9da9ull, 0x31249aa59c9e4d51ull}, /* 24 */
    {0x7bcb43d769f762a8ull, 0x4ea0f76f60fd4882ull}, /* 25 */
    {0x63090312bb2c4eedull, 0x254d92bf80caa068ull}, /* 26 */
    {0x4f3a68dbc8f03f24ull, 0x1dd7a89933d54d20ull}, /* 27 */
    {0x7ec3daf941806506ull, 0x62f2a75b86221500ull}, /* 28 */
    {0x65697bfa9acd1d9full, 0x025bb91604e810cdull}, /* 29 */
    {0x51212ffbaf0a7e18ull, 0x684960de6a5340a4ull}, /* 30 */
    {0x40e7599625a1fe7aull, 0x203ab3e521dc33b6ull}, /* 31 */
    {0x67d88f56a29cca5dull, 0x19f7863b696052bdull}, /* 32 */
    {0x5313a5dee87d6eb0ull, 0x7b2c6b62bab37564ull}, /* 33 */
    {0x42761e4bed31255aull, 0x2f56bc4efbc2c450ull}, /* 34 */
    {0x6a5696dfe1e83bc3ull, 0x655793b192d13a1aull}, /* 35 */
    {0x5512124cb4b9c969ull, 0x377942f475742e7bull}, /* 36 */
    {0x440e750a2a2e3abaull, 0x5f9435905df68b96ull}, /* 37 */
    {0x6ce3ee76a9e3912aull, 0x65b9ef4d63241289ull}, /* 38 */
    {0x571cbec554b60dbbull, 0x6afb25d782834207ull}, /* 39 */
    {0x45b0989ddd5e7163ull, 0x08c8eb12cecf6806ull}, /* 40 */
    {0x6f80f42fc8971bd1ull, 0x5adb11b7b14bd9a3ull}, /* 41 */
    {0x5933f68ca078e30eull, 0x157c0e2c8dd647b5ull}, /* 42 */
    {0x475cc53d4d2d8271ull, 0x5dfcd823a4ab6c91ull}, /* 43 */
    {0x722e086215159d82ull, 0x632e269f6ddf141bull}, /* 44 */
    {0x5b5806b4ddaae468ull, 0x4f581ee5f17f4349ull}, /* 45 */
    {0x49133890b1558386ull, 0x72ace584c1329c3bull}, /* 46 */
    {0x74eb8db44eef38d7ull, 0x6aae3c079b842d2aull}, /* 47 */
    {0x5d893e29d8bf60acull, 0x5558300616035755ull}, /* 48 */
    {0x4ad431bb13cc4d56ull, 0x7779c004de6912abull}, /* 49 */
    {0x77b9e92b52e07bbeull, 0x258f99a163db5111ull}, /* 50 */
    {0x5fc7edbc424d2fcbull, 0x37a614811caf740dull}, /* 51 */
    {0x4c9ff163683dbfd5ull, 0x7951aa00e3bf900bull}, /* 52 */
    {0x7a998238a6c932efull, 0x754f7667d2cc19abull}, /* 53 */
    {0x6214682d523a8f26ull, 0x2aa5f8530f09ae22ull}, /* 54 */
    {0x4e76b9bddb620c1eull, 0x55519375a5a1581bull}, /* 55 */
    {0x7d8ac2c95f034697ull, 0x3bb5b8bc3c3559c5ull}, /* 56 */
    {0x646f023ab2690545ull, 0x7c9160969691149eull}, /* 57 */
    {0x5058ce955b87376bull, 0x16dab3ababa743b2ull}, /* 58 */
    {0x40470baaaf9f5f88ull, 0x78aef622efb902f5ull}, /* 59 */
    {0x66d812aab29898dbull, 0x0de4bd04b2c19e54ull}, /* 60 */
    {0x524675555bad4715ull, 0x57ea30d08f014b76ull}, /* 61 */
    {0x41d1f7777c8a9f44ull, 0x4654f3da0c01092cull}, /* 62 */
    {0x694ff258c7443207ull, 0x23bb1fc346680eacull}, /* 63 */
    {0x543ff513d29cf4d2ull, 0x4fc8e635d1ecd88aull}, /* 64 */
    {0x43665da9754a5d75ull, 0x263a51c4a7f0ad3bull}, /* 65 */
    {0x6bd6fc425543c8bbull, 0x56c3b607731aaec4ull}, /* 66 */
    {0x5645969b77696d62ull, 0x789c919f8f488bd0ull}, /* 67 */
    {0x4504787c5f878ab5ull, 0x46e3a7b2d906d640ull}, /* 68 */
    {0x6e6d8d93cc0c1122ull, 0x3e390c515b3e239aull}, /* 69 */
    {0x5857a4763cd6741bull, 0x4b60d6a77c31b615ull}, /* 70 */
    {0x46ac8391ca4529afull, 0x55e7121f968e2b44ull}, /* 71 */
    {0x711405b6106ea919ull, 0x0971b698f0e3786dull}, /* 72 */
    {0x5a766af80d255414ull, 0x078e2bad8d82c6bdull}, /* 73 */
    {0x485ebbf9a41ddcdcull, 0x6c71bc8ad79bd231ull}, /* 74 */
    {0x73cac65c39c96161ull, 0x2d82c7448c2c8382ull}, /* 75 */
    {0x5ca23849c7d44de7ull, 0x3e023903a356cf9bull}, /* 76 */
    {0x4a1b603b06437185ull, 0x7e682d9c82abd949ull}, /* 77 */
    {0x76923391a39f1c09ull, 0x4a4048fa6aac8edbull}, /* 78 */
    {0x5edb5c7482e5b007ull, 0x55003a61eef07249ull}, /* 79 */
    {0x4be2b05d35848cd2ull, 0x773361e7f259f507ull}, /* 80 */
    {0x796ab3c855a0e151ull, 0x3eb89ca6508fee71ull}, /* 81 */
    {0x6122296d114d810dull, 0x7efa16eb73a6585bull}, /* 82 */
    {0x4db4edf0daa4673eull, 0x3261abef8fb846afull}, /* 83 */
    {0x7c54afe7c43a3ecaull, 0x1d691318e5f3a44bull}, /* 84 */
    {0x6376f31fd02e98a1ull, 0x64540f471e5c836full}, /* 85 */
    {0x4f925c1973587a1bull, 0x0376729f4b7d35f3ull}, /* 86 */
    {0x7f50935bebc0c35eull, 0x38bd84321261efebull}, /* 87 */
    {0x65da0f7cbc9a35e5ull, 0x13cad0280eb4bfefull}, /* 88 */
    {0x517b3f96fd482b1dull, 0x5ca240200bc3ccbfull}, /* 89 */
    {0x412f66126439bc17ull, 0x63b50019a3030a33ull}, /* 90 */
    {0x684bd683d38f9359ull, 0x1f88002904d1a9eaull}, /* 91 */
    {0x536fdecfdc72dc47ull, 0x32d3335403daee55ull}, /* 92 */
    {0x42bfe57316c249d2ull, 0x5bdc291003158b77ull}, /* 93 */
    {0x6acca251be03a951ull, 0x12f9db4cd1bc1258ull}, /* 94 */
    {0x557081dafe695440ull, 0x7594af70a7c9a847ull}, /* 95 */
    {0x445a017bfebaa9cdull, 0x4476f2c0863aed06ull}, /* 96 */
    {0x6d5ccf2ccac442e2ull, 0x3a57eacda3917b3cull}, /* 97 */
    {0x577d728a3bd03581ull, 0x7b7988a482dac8fdull}, /* 98 */
    {0x45fdf53b630cf79bull, 0x15fad3b6cf156d97ull}, /* 99 */
    {0x6ffcbb923814bf5eull, 0x565e1f8ae4ef15beull}, /* 100 */
    {0x5996fc74f9aa32b2ull, 0x11e4e608b725aaffull}, /* 101 */
    {0x47abfd2a6154f55bull, 0x27ea51a0928488ccull}, /* 102 */
    {0x72acc843ceee555eull, 0x7310829a84074146ull}, /* 103 */
    {0x5bbd6d030bf1dde5ull, 0x42739baed005cdd2ull}, /* 104 */
    {0x49645735a327e4b7ull, 0x4ec2e2f24004a4a8ull}, /* 105 */
    {0x756d5855d1d96df2ull, 0x4ad16b1d333aa10cull}, /* 106 */
    {0x5df11377db1457f5ull, 0x2241227dc2954da3ull}, /* 107 */
    {0x4b2742c648dd132aull, 0x4e9a81fe35443e1cull}, /* 108 */
    {0x783ed13d4161b844ull, 0x175d9cc9eed39694ull}, /* 109 */
    {0x603240fdcde7c69cull, 0x7917b0a18bdc7876ull}, /* 110 */
    {0x4cf500cb0b1fd217ull, 0x1412f3b46fe39392ull}, /* 111 */
    {0x7b219ade7832e9beull, 0x535185ed7fd285b6ull}, /* 112 */
    {0x628148b1f9c25498ull, 0x42a79e57997537c5ull}, /* 113 */
    {0x4ecdd3c1949b76e0ull, 0x3552e512e12a9304ull}, /* 114 */
    {0x7e161f9c20f8be33ull, 0x6eeb081e3510eb39ull}, /* 115 */
    {0x64de7fb01a609829ull, 0x3f226ce4f740bc2eull}, /* 116 */
    {0x50b1ffc0151a1354ull, 0x3281f0b72c33c9beull}, /* 117 */
    {0x408e66334414dc43ull, 0x42018d5f568fd498ull}, /* 118 */
    {0x674a3d1ed354939full, 0x1ccf48988a7fba8dull}, /* 119 */
    {0x52a1ca7f0f76dc7full, 0x30a5d3ad3b99620bull}, /* 120 */
    {0x421b0865a5f8b065ull, 0x73b7dc8a96144e6full}, /* 121 */
    {0x69c4da3c3cc11a3cull, 0x52bfc7442353b0b1ull}, /* 122 */
    {0x549d7b6363cdae96ull, 0x756639034f7626f4ull}, /* 123 */
    {0x43b12f82b63e2545ull, 0x4451c735d92b525dull}, /* 124 */
    {0x6c4eb26abd303ba2ull, 0x3a1c71efc1deea2eull}, /* 125 */
    {0x56a55b889759c94eull, 0x61b05b2634b254f2ull}, /* 126 */
    {0x45511606df7b0772ull, 0x1af37c1e908eaa5bull}, /* 127 */
    {0x6ee8233e325e7250ull, 0x2b1f2cfdb41776f8ull}, /* 128 */
    {0x58b9b5cb5b7ec1d9ull, 0x6f4c23fe29ac5f2dull}, /* 129 */
    {0x46faf7d5e2cbce47ull, 0x72a34ffe87bd18f1ull}, /* 130 */
    {0x71918c896adfb073ull, 0x04387ffda5fb5b1bull}, /* 131 */
    {0x5adad6d4557fc05cull, 0x0360666484c915afull}, /* 132 */
    {0x48af1243779966b0ull, 0x02b3851d3707448cull}, /* 133 */
    {0x744b506bf28f0ab3ull, 0x1dec082ebe720746ull}, /* 134 */
    {0x5d090d2328726ef5ull, 0x64bcd358985b3905ull}, /* 135 */
    {0x4a6da41c205b8bf7ull, 0x6a30a913ad15c738ull}, /* 136 */
    {0x7715d36033c5acbfull, 0x5d1aa81f7b560b8cull}, /* 137 */
    {0x5f44a919c3048a32ull, 0x7daeece5fc44d609ull}, /* 138 */
    {0x4c36edae359d3b5bull, 0x7e258a51969d7808ull}, /* 139 */
    {0x79f17c49ef61f893ull, 0x16a276e8f0fbf33full}, /* 140 */
    {0x618dfd07f2b4c6dcull, 0x121b9253f3fcc299ull}, /* 141 */
    {0x4e0b30d328909f16ull, 0x41afa84329970214ull}, /* 142 */
    {0x7cdeb4850db431bdull, 0x4f7f739ea8f19cedull}, /* 143 */
    {0x63e55d373e29c164ull, 0x3f99294bba5ae3f1ull}, /* 144 */
    {0x4feab0f8fe87cde9ull, 0x7fadbaa2fb7be98dull}, /* 145 */
    {0x7fdde7f4ca72e30full, 0x7f7c5dd1925fdc15ull}, /* 146 */
    {0x664b1ff7085be8d9ull, 0x4c637e4141e649abull}, /* 147 */
    {0x51d5b32c06afed7aull, 0x704f983434b83aefull}, /* 148 */
    {0x4177c2899ef32462ull, 0x26a6135cf6f9c8bfull}, /* 149 */
    {0x68bf9da8fe51d3d0ull, 0x3dd685618b294132ull}, /* 150 */
    {0x53cc7e20cb74a973ull, 0x4b12044e08edcdc2ull}, /* 151 */
    {0x4309fe80a2c3bac2ull, 0x6f419d0b3a57d7ceull}, /* 152 */
    {0x6b4330cdd1392ad1ull, 0x320294dec3bfbfb0ull}, /* 153 */
    {0x55cf5a3e40fa88a7ull, 0x419baa4bcfcc995aull}, /* 154 */
    {0x44a5e1cb672ed3b9ull, 0x1ae2eea30ca3ade1ull}, /* 155 */
    {0x6dd636123eb152c1ull, 0x77d17dd1add2afcfull}, /* 156 */
    {0x57de91a832277567ull, 0x797464a7be42263full}, /* 157 */
    {0x464ba7b9c1b92ab9ull, 0x4790508631ce84ffull}, /* 158 */
    {0x70790c5c6928445cull, 0x0c1a1a704fb0d4ccull}, /* 159 */
    {0x59fa7049edb9d049ull, 0x567b4859d95a43d6ull}, /* 160 */
    {0x47fb8d07f161736eull, 0x11fc39e17aae9cabull}, /* 161 */
    {0x732c14d98235857dull, 0x032d2968c44a9445ull}, /* 162 */
    {0x5c2343e134f79dfdull, 0x4f575453d03ba9d1ull}, /* 163 */
    {0x49b5cfe75d92e4caull, 0x72ac4376402fbb0eull}, /* 164 */
    {0x75efb30bc8eb07abull, 0x0446d256cd192b49ull}, /* 165 */
    {0x5e595c096d88d2efull, 0x1d0575123dadbc3aull}, /* 166 */
    {0x4b7ab0078ad3dbf2ull, 0x4a6ac40e97be302full}, /* 167 */
    {0x78c44cd8de1fc650ull, 0x771139b0f2c9e6b1ull}, /* 168 */
    {0x609d0a4718196b73ull, 0x78da948d8f07ebc1ull}, /* 169 */
    {0x4d4a6e9f467abc5cull, 0x60aedd3e0c065634ull}, /* 170 */
    {0x7baa4a9870c46094ull, 0x344afb9679a3bd20ull}, /* 171 */
    {0x62eea2138d69e6ddull, 0x103bfc78614fca80ull}, /* 172 */
    {0x4f254e760abb1f17ull, 0x26966393810ca200ull}, /* 173 */
    {0x7ea21723445e9825ull, 0x2423d2859b476999ull}, /* 174 */
    {0x654e78e9037ee01dull, 0x69b642047c392148ull}, /* 175 */
    {0x510b93ed9c658017ull, 0x6e2b680396941aa0ull}, /* 176 */
    {0x40d60ff149eaccdfull, 0x71bc53361210154dull}, /* 177 */
    {0x67bce64edcaae166ull, 0x1c6085235019bbaeull}, /* 178 */
    {0x52fd850be3bbe784ull, 0x7d1a041c40149625ull}, /* 179 */
    {0x42646a6fe9631f9dull, 0x4a7b367d0010781dull}, /* 180 */
    {0x6a3a43e642383295ull, 0x5d91f0c8001a59c8ull}, /* 181 */
    {0x54fb698501c68edeull, 0x17a7f3d3334847d4ull}, /* 182 */
    {0x43fc546a67d20be4ull, 0x79532975c2a03976ull}, /* 183 */
    {0x6cc6ed770c83463bull, 0x0eeb75893766c256ull}, /* 184 */
    {0x57058ac5a39c382full, 0x25892ad42c523512ull}, /* 185 */
    {0x459e089e1c7cf9bfull, 0x37a0ef102374f742ull}, /* 186 */
    {0x6f6340fcfa618f98ull, 0x59017e8038bb2536ull}, /* 187 */
    {0x591c33fd951ad946ull, 0x7a67986693c8ea91ull}, /* 188 */
    {0x4749c33144157a9full, 0x151fad1edca0bba8ull}, /* 189 */
    {0x720f9eb539bbf765ull, 0x0832ae97c76792a5ull}, /* 190 */
    {0x5b3fb22a94965f84ull, 0x068ef21305ec7551ull}, /* 191 */
    {0x48ffc1bbaa11e603ull, 0x1ed8c1a8d189f774ull}, /* 192 */
    {0x74cc692c434fd66bull, 0x4af4690e1c0ff253ull}, /* 193 */
    {0x5d705423690cab89ull, 0x225d20d816732843ull}, /* 194 */
    {0x4ac0434f873d5607ull, 0x35174d79ab8f5369ull}, /* 195 */
    {0x779a054c0b955672ull, 0x21bee25c45b21f0eull}, /* 196 */
    {0x5fae6aa33c77785bull, 0x3498b5169e2818d8ull}, /* 197 */
    {0x4c8b888296c5f9e2ull, 0x5d46f7454b534713ull}, /* 198 */
    {0x7a78da6a8ad65c9dull, 0x7ba4bed545520b52ull}, /* 199 */
    {0x61fa48553bdeb07eull, 0x2fb6ff110441a2a8ull}, /* 200 */
    {0x4e61d37763188d31ull, 0x72f8cc0d9d014eedull}, /* 201 */
    {0x7d6952589e8daeb6ull, 0x1e5ae015c80217e1ull}, /* 202 */
    {0x645441e07ed7bef8ull, 0x1848b344a001acb4ull}, /* 203 */
    {0x504367e6cbdfcbf9ull, 0x603a2903b3348a2aull}, /* 204 */
    {0x4035ecb8a3196ffbull, 0x002e873628f6d4eeull}, /* 205 */
    {0x66bcadf43828b32bull, 0x19e40b89db2487e3ull}, /* 206 */
    {0x52308b29c686f5bcull, 0x14b66fa17c1d3983ull}, /* 207 */
    {0x41c06f549ed25e30ull, 0x1091f2e7967dc79cull}, /* 208 */
    {0x6933e554315096b3ull, 0x341cb7d8f0c93f5full}, /* 209 */
    {0x542984435aa6def5ull, 0x767d5fe0c0a0ff80ull}, /* 210 */
    {0x435469cf7bb8b25eull, 0x2b977fe70080cc66ull}, /* 211 */
    {0x6bba42e592c11d63ull, 0x5f58cca4cd9ae0a3ull}, /* 212 */
    {0x562e9beadbcdb11cull, 0x4c470a1d7148b3b6ull}, /* 213 */
    {0x44f216557ca48db0ull, 0x3d05a1b1276d5c92ull}, /* 214 */
    {0x6e5023bbfaa0e2b3ull, 0x7b3c35e83f1560e9ull}, /* 215 */
    {0x58401c96621a4ef6ull, 0x2f635e5365aab3edull}, /* 216 */
    {0x4699b0784e7b725eull, 0x591c4b75eaeef658ull}, /* 217 */
    {0x70f5e726e3f8b6fdull, 0x74fa125644b18a26ull}, /* 218 */
    {0x5a5e5285832d5f31ull, 0x43fb41de9d5ad4ebull}, /* 219 */
    {0x484b75379c244c27ull, 0x4ffc34b2177bdd89ull}, /* 220 */
    {0x73abeebf603a1372ull, 0x4cc6bab68bf96274ull}, /* 221 */
    {0x5c898bcc4cfb42c2ull, 0x0a38955ed6611b90ull}, /* 222 */
    {0x4a07a309d72f689bull, 0x21c6dde5784dafa7ull}, /* 223 */
    {0x76729e762518a75eull, 0x693e2fd58d49190bull}, /* 224 */
    {0x5ec2185e8413b918ull, 0x5431bfde0aa0e0d5ull}, /* 225 */
    {0x4bce79e536762dadull, 0x29c1664b3bb3e711ull}, /* 226 */
    {0x794a5ca1f0bd15e2ull, 0x0f9bd6dec5eca4e8ull}, /* 227 */
    {0x61084a1b26fdab1bull, 0x2616457f04bd50baull}, /* 228 */
    {0x4da03b48ebfe227cull, 0x1e783798d09773c8ull}, /* 229 */
    {0x7c33920e46636a60ull, 0x30c058f480f252d9ull}, /* 230 */
    {0x635c74d8384f884dull, 0x0d66ad9067284247ull}, /* 231 */
    {0x4f7d2a469372d370ull, 0x711ef14052869b6cull}, /* 232 */
    {0x7f2eaa0a85848581ull, 0x34fe4ecd50d75f14ull}, /* 233 */
    {0x65beee6ed136d134ull, 0x2a650bd773df7f43ull}, /* 234 */
    {0x51658b8bda9240f6ull, 0x551da312c319329cull}, /* 235 */
    {0x411e093caedb672bull, 0x5db14f4235adc217ull}, /* 236 */
    {0x68300ec77e2bd845ull, 0x7c4ee536bc49368aull}, /* 237 */
    {0x5359a56c64efe037ull, 0x7d0bea92303a9208ull}, /* 238 */
    {0x42ae1df050bfe693ull, 0x173cbba8269541a0ull}, /* 239 */
    {0x6ab02fe6e79970ebull, 0x3ec792a6a422029aull}, /* 240 */
    {0x5559bfebec7ac0bcull, 0x3239421ee9b4cee1ull}, /* 241 */
    {0x4447ccbcbd2f0096ull, 0x5b6101b25490a581ull}, /* 242 */
    {0x6d3fadfac84b3424ull, 0x2bce691d541aa268ull}, /* 243 */
    {0x576624c8a03c29b6ull, 0x563eba7ddce21b87ull}, /* 244 */
    {0x45eb50a08030215eull, 0x78322ecb171b4939ull}, /* 245 */
    {0x6fdee76733803564ull, 0x59e9e47824f87527ull}, /* 246 */
    {0x597f1f85c2ccf783ull, 0x6187e9f9b72d2a86ull}, /* 247 */
    {0x4798e6049bd72c69ull, 0x346cbb2e2c242205ull}, /* 248 */
    {0x728e3cd42c8b7a42ull, 0x20adf849e039d007ull}, /* 249 */
    {0x5ba4fd768a092e9bull, 0x33be603b19c7d99full}, /* 250 */
    {0x4950cac53b3a8bafull, 0x42feb3627b0647b3ull}, /* 251 */
    {0x754e113b91f745e5ull, 0x5197856a5e7072b8ull}, /* 252 */
    {0x5dd80dc941929e51ull, 0x27ac6abb7ec05bc6ull}, /* 253 */
    {0x4b133e3a9adbb1daull, 0x52f05562cbcd1638ull}, /* 254 */
    {0x781ec9f75e2c4fc4ull, 0x1e4d556adfae89f3ull}, /* 255 */
    {0x6018a192b1bd0c9cull, 0x7ea444557fbed4c3ull}, /* 256 */
    {0x4ce0814227ca707dull, 0x4bb69d1132ff109cull}, /* 257 */
    {0x7b00ced03faa4d95ull, 0x5f8a94e851981a93ull}, /* 258 */
    {0x62670bd9cc883e11ull, 0x32d543ed0e134875ull}, /* 259 */
    {0x4eb8d647d6d364daull, 0x5bddcff0d80f6d2bull}, /* 260 */
    {0x7df48a0c8aebd491ull, 0x12fc7fe7c018aeabull}, /* 261 */
    {0x64c3a1a3a25643a7ull, 0x28c9ffec99ad5889ull}, /* 262 */
    {0x509c814fb511cfb9ull, 0x0707fff07af113a1ull}, /* 263 */
    {0x407d343fc40e3fc7ull, 0x1f39998d2f2742e7ull}, /* 264 */
    {0x672eb9ffa016cc71ull, 0x7ec28f484b7204a4ull}, /* 265 */
    {0x528bc7ffb345705bull, 0x189ba5d36f8e6a1dull}, /* 266 */
    {0x42096ccc8f6ac048ull, 0x7a161e42bfa521b1ull}, /* 267 */
    {0x69a8ae1418aacd41ull, 0x435696d132a1cf81ull}, /* 268 */
    {0x5486f1a9ad557101ull, 0x1c454574288172ceull}, /* 269 */
    {0x439f27baf1112734ull, 0x169dd129ba0128a5ull}, /* 270 */
    {0x6c31d92b1b4ea520ull, 0x242fb50f9001daa1ull}, /* 271 */
    {0x568e4755af721db3ull, 0x368c90d940017bb4ull}, /* 272 */
    {0x453e9f77bf8e7e29ull, 0x120a0d7a999ac95dull}, /* 273 */
    {0x6eca98bf98e3fd0eull, 0x50101590f5c47561ull}, /* 274 */
    {0x58a213cc7a4ffda5ull, 0x26734473f7d05de8ull}, /* 275 */
    {0x46e80fd6c83ffe1dull, 0x6b8f69f65fd9e4b9ull}, /* 276 */
    {0x71734c8ad9fffcfcull, 0x45b24323cc8fd45cull}, /* 277 */
    {0x5ac2a3a247fffd96ull, 0x6af502830a0ca9e3ull}, /* 278 */
    {0x489bb61b6ccccadfull, 0x08c402026e7087e9ull}, /* 279 */
    {0x742c569247ae1164ull, 0x746cd003e3e73fdbull}, /* 280 */
    {0x5cf04541d2f1a783ull, 0x76bd73364fec3315ull}, /* 281 */
    {0x4a59d101758e1f9cull, 0x5efdf5c50cbcf5abull}, /* 282 */
    {0x76f61b3588e365c7ull, 0x4b2fefa1adfb22abull}, /* 283 */
    {0x5f2b48f7a0b5eb06ull, 0x08f3261af195b555ull}, /* 284 */
    {0x4c22a0c61a2b226bull, 0x20c284e25ade2aabull}, /* 285 */
    {0x79d1013cf6ab6a45ull, 0x1ad0d49d5e304444ull}, /* 286 */
    {0x617400fd9222bb6aull, 0x48a7107de4f369d0ull}, /* 287 */
    {0x4df6673141b562bbull, 0x53b8d9fe50c2bb0dull}, /* 288 */
    {0x7cbd71e869223792ull, 0x52c15cca1ad12b48ull}, /* 289 */
    {0x63cac186ba81c60eull, 0x75677d6e7bda8906ull}, /* 290 */
    {0x4fd5679efb9b04d8ull, 0x5dec645863153a6cull}, /* 291 */
    {0x7fbbd8fe5f5e6e27ull, 0x497a3a2704eec3dfull}, /* 292 */
};

/* floor(log10(2^e)), floor(log10(3/4 * 2^e)), floor(log2(10^e)) for the
 * exponent ranges used (the JDK's MathUtils.flog*). Right shifts of
 * negative values are arithmetic in GCC and Clang. */
static inline int flog10pow2(int e) { return (int)((int64_t)e * 661971961083LL >> 41); }

static inline int flog10three_quarters_pow2(int e) {
    return (int)(((int64_t)e * 661971961083LL - 274743187321LL) >> 41);
}

static inline int flog2pow10(int e) { return (int)((int64_t)e * 913124641741LL >> 38); }

static inline uint64_t mul_high(uint64_t a, uint64_t b) {
    return (uint64_t)((unsigned __int128)a * b >> 64);
}

/* rop(cp * g * 2^-127) with g = g1 2^63 + g0, rounded to odd. */
static inline uint64_t rop64(uint64_t g1, uint64_t g0, uint64_t cp) {
    uint64_t x1 = mul_high(g0, cp);
    unsigned __int128 y = (unsigned __int128)g1 * cp;
    uint64_t y0 = (uint64_t)y, y1 = (uint64_t)(y >> 64);
    uint64_t z = (y0 >> 1) + x1;
    uint64_t vbp = y1 + (z >> 63);
    return vbp | (((z & 0x7fffffffffffffffull) + 0x7fffffffffffffffull) >> 63);
}

/* The decimal m * 10^e that Double.toString picks for c * 2^q. `dk` is -1
 * when c was scaled by 10 for a tiny subnormal. */
static void schubfach64(int q, uint64_t c, int dk, uint64_t *m, int *e) {
    const uint64_t c_min = 1ull << 52;
    uint64_t out = c & 1, cb = c << 2, cbr = cb + 2, cbl;
    int k;
    if (c != c_min || q == -1074) { /* regular spacing of doubles */
        cbl = cb - 2;
        k = flog10pow2(q);
    } else { /* at a power of two the next lower double is closer */
        cbl = cb - 1;
        k = flog10three_quarters_pow2(q);
    }
    int h = q + flog2pow10(-k) + 2;
    uint64_t g1 = g_table[k - G_K_MIN][0], g0 = g_table[k - G_K_MIN][1];
    uint64_t vb = rop64(g1, g0, cb << h);
    uint64_t vbl = rop64(g1, g0, cbl << h);
    uint64_t vbr = rop64(g1, g0, cbr << h);
    uint64_t s = vb >> 2;
    if (s >= 100) {
        /* one digit shorter, if exactly one of its neighbours fits */
        uint64_t sp10 = 10 * mul_high(s, 115292150460684698ull << 4);
        uint64_t tp10 = sp10 + 10;
        bool upin = vbl + out <= sp10 << 2;
        bool wpin = (tp10 << 2) + out <= vbr;
        if (upin != wpin) {
            *m = upin ? sp10 : tp10;
            *e = k;
            return;
        }
    }
    uint64_t t = s + 1;
    bool uin = vbl + out <= s << 2;
    bool win = (t << 2) + out <= vbr;
    if (uin != win) {
        *m = uin ? s : t;
        *e = k + dk;
        return;
    }
    /* both fit: the closer one, the even one on a tie */
    int64_t cmp = (int64_t)(vb - ((s + t) << 1));
    *m = cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
    *e = k + dk;
}

static inline uint32_t rop32(uint64_t g, uint64_t cp) {
    uint64_t x1 = mul_high(g, cp);
    uint64_t vbp = x1 >> 31;
    return (uint32_t)(vbp | (((x1 & 0xffffffffull) + 0xffffffffull) >> 32));
}

/* Float.toString's choice for c * 2^q (FloatToDecimal). */
static void schubfach32(int q, uint32_t c, int dk, uint64_t *m, int *e) {
    const uint32_t c_min = 1u << 23;
    uint32_t out = c & 1;
    uint64_t cb = (uint64_t)c << 2, cbr = cb + 2, cbl;
    int k;
    if (c != c_min || q == -149) {
        cbl = cb - 2;
        k = flog10pow2(q);
    } else {
        cbl = cb - 1;
        k = flog10three_quarters_pow2(q);
    }
    int h = q + flog2pow10(-k) + 33;
    uint64_t g = g_table[k - G_K_MIN][0] + 1;
    uint32_t vb = rop32(g, cb << h);
    uint32_t vbl = rop32(g, cbl << h);
    uint32_t vbr = rop32(g, cbr << h);
    uint32_t s = vb >> 2;
    if (s >= 100) {
        uint32_t sp10 = 10 * (uint32_t)((uint64_t)s * 1717986919ull >> 34);
        uint32_t tp10 = sp10 + 10;
        bool upin = (uint64_t)vbl + out <= (uint64_t)sp10 << 2;
        bool wpin = ((uint64_t)tp10 << 2) + out <= vbr;
        if (upin != wpin) {
            *m = upin ? sp10 : tp10;
            *e = k;
            return;
        }
    }
    uint32_t t = s + 1;
    bool uin = (uint64_t)vbl + out <= (uint64_t)s << 2;
    bool win = ((uint64_t)t << 2) + out <= vbr;
    if (uin != win) {
        *m = uin ? s : t;
        *e = k + dk;
        return;
    }
    int64_t cmp = (int64_t)vb - ((int64_t)(s + t) << 1);
    *m = cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
    *e = k + dk;
}

/* Lays out digits d[0..nd) (d[0] != '0', no trailing zeros) with decimal
 * exponent e (value = d0.d1d2... * 10^e) the way Double.toString does:
 * plain for 1e-3 <= |v| < 1e7, else d.dddEn. */
static size_t java_layout(char *out, bool neg, const char *d, int nd, int e) {
    char *o = out;
    if (neg)
        *o++ = '-';
    if (e >= 0 && e < 7) {
        for (int i = 0; i <= e; i++)
            *o++ = i < nd ? d[i] : '0';
        *o++ = '.';
        if (nd > e + 1) {
            memcpy(o, d + e + 1, (size_t)(nd - e - 1));
            o += nd - e - 1;
        } else {
            *o++ = '0';
        }
    } else if (e < 0 && e >= -3) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -e - 1; i++)
            *o++ = '0';
        memcpy(o, d, (size_t)nd);
        o += nd;
    } else {
        *o++ = d[0];
        *o++ = '.';
        if (nd > 1) {
            memcpy(o, d + 1, (size_t)(nd - 1));
            o += nd - 1;
        } else {
            *o++ = '0';
        }
        *o++ = 'E';
        o += sqlkc_rt_fmt_i64(o, e);
    }
    return (size_t)(o - out);
}

/* Strips trailing zeros from m * 10^e (m > 0) and lays it out. */
static size_t java_layout_dec(char *out, bool neg, uint64_t m, int e) {
    while (m % 10 == 0) {
        m /= 10;
        e++;
    }
    char d[24];
    int nd = (int)sqlkc_rt_fmt_u64(d, m);
    return java_layout(out, neg, d, nd, e + nd - 1);
}

/* The words Double/Float.toString print for NaN, the infinities and zeros. */
static size_t java_special(char *out, const char *word) {
    size_t n = strlen(word);
    memcpy(out, word, n);
    return n;
}

size_t sqlkc_rt_fmt_double(char *out, double v) {
    uint64_t bits;
    memcpy(&bits, &v, 8);
    bool neg = bits >> 63;
    uint64_t t = bits & ((1ull << 52) - 1);
    int bq = (int)(bits >> 52 & 0x7FF);
    if (bq == 0x7FF) {
        return java_special(out, t ? "NaN" : neg ? "-Infinity" : "Infinity");
    }
    uint64_t m;
    int e;
    if (bq != 0) {
        int mq = 1075 - bq; /* v = c * 2^-mq */
        uint64_t c = (1ull << 52) | t;
        if (mq > 0 && mq < 53 && (c >> mq) << mq == c) /* an integer below 2^53 */
            return java_layout_dec(out, neg, c >> mq, 0);
        schubfach64(-mq, c, 0, &m, &e);
    } else if (t) {
        /* subnormal; the smallest ones are scaled so two digits exist */
        if (t < 3)
            schubfach64(-1074, 10 * t, -1, &m, &e);
        else
            schubfach64(-1074, t, 0, &m, &e);
    } else {
        return java_special(out, neg ? "-0.0" : "0.0");
    }
    return java_layout_dec(out, neg, m, e);
}

size_t sqlkc_rt_fmt_float(char *out, float v) {
    uint32_t bits;
    memcpy(&bits, &v, 4);
    bool neg = bits >> 31;
    uint32_t t = bits & ((1u << 23) - 1);
    int bq = (int)(bits >> 23 & 0xFF);
    if (bq == 0xFF) {
        return java_special(out, t ? "NaN" : neg ? "-Infinity" : "Infinity");
    }
    uint64_t m;
    int e;
    if (bq != 0) {
        int mq = 150 - bq;
        uint32_t c = (1u << 23) | t;
        if (mq > 0 && mq < 24 && (c >> mq) << mq == c)
            return java_layout_dec(out, neg, c >> mq, 0);
        schubfach32(-mq, c, 0, &m, &e);
    } else if (t) {
        if (t < 8)
            schubfach32(-149, 10 * t, -1, &m, &e);
        else
            schubfach32(-149, t, 0, &m, &e);
    } else {
        return java_special(out, neg ? "-0.0" : "0.0");
    }
    return java_layout_dec(out, neg, m, e);
}

/* ---- BigDecimal ----------------------------------------------------------- */

size_t sqlkc_rti_fmt_bigdec(char *out, bool neg, const char *d, size_t nd, int64_t scale,
                            bool plain) {
    char *o = out;
    if (nd == 1 && d[0] == '0') {
        /* BigDecimal zero has no sign; after stripping its scale is 0 */
        *o = '0';
        return 1;
    }
    if (neg)
        *o++ = '-';
    int64_t adjusted = -scale + (int64_t)nd - 1;
    if (scale == 0 || (scale > 0 && (plain || adjusted >= -6))) {
        if (scale <= 0) {
            memcpy(o, d, nd);
            o += nd;
        } else if ((int64_t)nd > scale) {
            size_t ip = nd - (size_t)scale;
            memcpy(o, d, ip);
            o += ip;
            *o++ = '.';
            memcpy(o, d + ip, (size_t)scale);
            o += scale;
        } else {
            *o++ = '0';
            *o++ = '.';
            for (int64_t i = 0; i < scale - (int64_t)nd; i++)
                *o++ = '0';
            memcpy(o, d, nd);
            o += nd;
        }
    } else if (plain) { /* scale < 0: the digits then -scale zeros */
        memcpy(o, d, nd);
        o += nd;
        for (int64_t i = 0; i < -scale; i++)
            *o++ = '0';
    } else {
        *o++ = d[0];
        if (nd > 1) {
            *o++ = '.';
            memcpy(o, d + 1, nd - 1);
            o += nd - 1;
        }
        if (adjusted != 0) {
            *o++ = 'E';
            if (adjusted > 0)
                *o++ = '+';
            o += sqlkc_rt_fmt_i64(o, adjusted);
        }
    }
    return (size_t)(o - out);
}

/* Digits of a 128-bit magnitude; returns the count (at least 1). */
static size_t u128_digits(char *out, unsigned __int128 a) {
    char tmp[48];
    size_t n = 0;
    /* peel 19 digits at a time so the 128-bit divisions are few */
    while (a >= (unsigned __int128)pow10_u64[19]) {
        uint64_t lo = (uint64_t)(a % pow10_u64[19]);
        a /= pow10_u64[19];
        for (int i = 0; i < 19; i++) {
            tmp[n++] = (char)('0' + lo % 10);
            lo /= 10;
        }
    }
    uint64_t v = (uint64_t)a;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

size_t sqlkc_rt_fmt_decimal(char *out, sqlkc_rt_dec_t unscaled, int scale, bool plain) {
    bool neg = unscaled < 0;
    unsigned __int128 a = neg ? -(unsigned __int128)unscaled : (unsigned __int128)unscaled;
    char d[48];
    size_t nd = u128_digits(d, a);
    int64_t s = scale;
    if (a == 0)
        return sqlkc_rti_fmt_bigdec(out, false, "0", 1, 0, plain);
    while (nd > 1 && d[nd - 1] == '0') { /* stripTrailingZeros */
        nd--;
        s--;
    }
    return sqlkc_rti_fmt_bigdec(out, neg, d, nd, s, plain);
}

size_t sqlkc_rt_fmt_decimal_cast(char *out, sqlkc_rt_dec_t unscaled, int scale) {
    bool neg = unscaled < 0;
    unsigned __int128 a = neg ? -(unsigned __int128)unscaled : (unsigned __int128)unscaled;
    char d[48];
    size_t nd = u128_digits(d, a);
    if (a == 0) {
        /* toPlainString of 0 at scale s is "0.00..." (a zero has no sign) */
        char *o = out;
        *o++ = '0';
        if (scale > 0) {
            *o++ = '.';
            memset(o, '0', (size_t)scale);
            o += scale;
        }
        return (size_t)(o - out);
    }
    return sqlkc_rti_fmt_bigdec(out, neg, d, nd, scale, true);
}

double sqlkc_rt_dec_to_double_p(sqlkc_rt_dec_t v, int precision, int scale) {
    if (precision <= 18 && scale >= 0 && scale <= 18)
        return (double)(int64_t)v / (double)pow10_u64[scale];
    char buf[SQLKC_RT_FMT_MAX];
    size_t n = sqlkc_rt_fmt_decimal(buf, v, scale, false);
    buf[n] = 0;
    return strtod(buf, NULL); /* correctly rounded, as BigDecimal.doubleValue */
}

double sqlkc_rt_dec_to_double(sqlkc_rt_dec_t v, int scale) {
    bool compact = v >= INT64_MIN && v <= INT64_MAX;
    return sqlkc_rt_dec_to_double_p(v, compact ? 18 : 38, scale);
}

/* ---- dates and times ------------------------------------------------------ */

/* Proleptic Gregorian civil date from days since 1970-01-01 (Howard
 * Hinnant's days_from_civil inverse; exact for the whole int64 range we
 * feed it). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static size_t fmt_date64(char *out, int64_t days) {
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    char *o = out;
    if (y > 9999) {
        *o++ = '+';
        o += sqlkc_rt_fmt_i64(o, y);
    } else {
        if (y < 0) {
            *o++ = '-';
            y = -y;
        }
        if (y > 9999) {
            o += sqlkc_rt_fmt_i64(o, y);
        } else {
            memcpy(o, sqlkc_rt_digits2 + 2 * (y / 100), 2);
            memcpy(o + 2, sqlkc_rt_digits2 + 2 * (y % 100), 2);
            o += 4;
        }
    }
    *o++ = '-';
    memcpy(o, sqlkc_rt_digits2 + 2 * m, 2);
    o[2] = '-';
    memcpy(o + 3, sqlkc_rt_digits2 + 2 * d, 2);
    return (size_t)(o + 5 - out);
}

size_t sqlkc_rt_fmt_date(char *out, int32_t days) { return fmt_date64(out, days); }

/* HH:mm:ss of a second of the day. */
static size_t fmt_hms(char *out, int64_t sec) {
    memcpy(out, sqlkc_rt_digits2 + 2 * (sec / 3600), 2);
    out[2] = ':';
    memcpy(out + 3, sqlkc_rt_digits2 + 2 * (sec / 60 % 60), 2);
    out[5] = ':';
    memcpy(out + 6, sqlkc_rt_digits2 + 2 * (sec % 60), 2);
    return 8;
}

/* A fraction of a second in nanos, '.' and trailing zeros trimmed, nothing
 * for zero: java.time's appendFraction(NANO_OF_SECOND, 0, 9, true). */
static size_t fmt_nanos(char *out, uint32_t nanos) {
    if (nanos == 0)
        return 0;
    int nd = 9;
    while (nanos % 10 == 0) {
        nanos /= 10;
        nd--;
    }
    out[0] = '.';
    for (int i = nd; i >= 1; i--) {
        out[i] = (char)('0' + nanos % 10);
        nanos /= 10;
    }
    return (size_t)nd + 1;
}

static int32_t time_norm(int32_t millis) {
    /* Flink TIME values are in [0, 86400000); normalise anything else the
     * way DateTimeUtils does instead of printing garbage */
    int32_t t = millis % 86400000;
    return t < 0 ? t + 86400000 : t;
}

size_t sqlkc_rt_fmt_time(char *out, int32_t millis, int precision) {
    (void)precision;
    return fmt_hms(out, time_norm(millis) / 1000);
}

size_t sqlkc_rt_fmt_time_iso(char *out, int32_t millis) {
    int32_t t = time_norm(millis);
    size_t n = fmt_hms(out, t / 1000);
    return n + fmt_nanos(out + n, (uint32_t)(t % 1000) * 1000000u);
}

size_t sqlkc_rt_fmt_time_cast(char *out, int32_t millis, int precision) {
    int32_t t = time_norm(millis);
    size_t n = fmt_hms(out, t / 1000);
    if (precision > 0) {
        int ms = t % 1000;
        out[n++] = '.';
        while (precision > 0) {
            out[n++] = (char)('0' + ms / 100);
            ms = ms % 100 * 10;
            if (ms == 0)
                break;
            precision--;
        }
    }
    return n;
}

size_t sqlkc_rt_fmt_timestamp(char *out, sqlkc_rt_ts_t ts, bool iso, bool zulu) {
    int64_t days = ts.millis / 86400000, ms = ts.millis % 86400000;
    if (ms < 0) {
        ms += 86400000;
        days--;
    }
    size_t n = fmt_date64(out, days);
    out[n++] = iso ? 'T' : ' ';
    n += fmt_hms(out + n, ms / 1000);
    n += fmt_nanos(out + n, (uint32_t)(ms % 1000) * 1000000u + (uint32_t)ts.nanos);
    if (zulu)
        out[n++] = 'Z';
    return n;
}

/* ---- base64 --------------------------------------------------------------- */

static const char b64_alphabet[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t sqlkc_rt_base64_encode(char *out, const void *in, size_t n) {
    const unsigned char *s = in;
    char *o = out;
    size_t i = 0;
    for (; i + 3 <= n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        o[0] = b64_alphabet[v >> 18];
        o[1] = b64_alphabet[v >> 12 & 63];
        o[2] = b64_alphabet[v >> 6 & 63];
        o[3] = b64_alphabet[v & 63];
        o += 4;
    }
    if (i < n) {
        uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
        o[0] = b64_alphabet[v >> 18];
        o[1] = b64_alphabet[v >> 12 & 63];
        o[2] = i + 1 < n ? b64_alphabet[v >> 6 & 63] : '=';
        o[3] = '=';
        o += 4;
    }
    return (size_t)(o - out);
}

/* Each byte's value in the alphabet plus one: 0 not in it, 65 the padding '='. */
static const unsigned char b64_codes[256] = {
    ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7, ['H'] = 8,
    ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14, ['O'] = 15, ['P'] = 16,
    ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22, ['W'] = 23, ['X'] = 24,
    ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29, ['d'] = 30, ['e'] = 31, ['f'] = 32,
    ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36, ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40,
    ['o'] = 41, ['p'] = 42, ['q'] = 43, ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48,
    ['w'] = 49, ['x'] = 50, ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56,
    ['4'] = 57, ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64,
    ['='] = 65,
};

int sqlkc_rt_base64_decode(void *out, size_t *outn, const char *in, size_t n) {
    const unsigned char *s = (const unsigned char *)in;
    unsigned char *o = out;
    size_t i = 0;
    /* fast path: whole groups of four alphabet characters */
    while (i + 4 <= n) {
        int a = b64_codes[s[i]] - 1, b = b64_codes[s[i + 1]] - 1, c = b64_codes[s[i + 2]] - 1,
            d = b64_codes[s[i + 3]] - 1;
        if ((a | b | c | d) & ~63)
            break; /* padding, whitespace or an error: the careful loop below */
        uint32_t bits = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
        o[0] = (unsigned char)(bits >> 16);
        o[1] = (unsigned char)(bits >> 8);
        o[2] = (unsigned char)bits;
        o += 3;
        i += 4;
    }
    for (;;) {
        while (i < n && s[i] <= ' ')
            i++;
        if (i == n)
            break;
        int v[4];
        for (int k = 0; k < 4; k++) {
            if (i + (size_t)k >= n) {
                *outn = n; /* truncated group: padding is required */
                return -1;
            }
            v[k] = b64_codes[s[i + (size_t)k]] - 1;
            if (v[k] == 64)
                v[k] = -2; /* '=' */
            /* padding may only stand in for the 3rd and 4th character, and
             * a padded 3rd requires a padded 4th */
            if (v[k] == -1 || (v[k] == -2 && k < 2) || (k == 3 && v[2] == -2 && v[3] != -2)) {
                *outn = i + (size_t)k;
                return -1;
            }
        }
        uint32_t bits = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12;
        *o++ = (unsigned char)(bits >> 16);
        if (v[2] >= 0) {
            bits |= (uint32_t)v[2] << 6;
            *o++ = (unsigned char)(bits >> 8);
            if (v[3] >= 0)
                *o++ = (unsigned char)(bits | (uint32_t)v[3]);
        }
        i += 4;
    }
    *outn = (size_t)(o - (unsigned char *)out);
    return 0;
}

/* ---- parsing java.time text ---------------------------------------------- */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static unsigned month_len(int64_t y, unsigned m) {
    static const unsigned char len[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : len[m];
}

static inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool two_digits(const char *p, const char *e, unsigned *v) {
    if (e - p < 2 || !is_digit(p[0]) || !is_digit(p[1]))
        return false;
    *v = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
    return true;
}

/* ISO_LOCAL_DATE: the year is appendValue(YEAR, 4, 10, EXCEEDS_PAD) parsed
 * strictly, so exactly 4 digits without a sign, more only after a '+',
 * and "-0000" is refused. `strict` selects the STRICT resolver (invalid
 * day fails) over SMART (clamped to the month's last day). */
static int parse_ymd(const char **pp, const char *e, bool strict, int64_t *days) {
    const char *p = *pp;
    bool plus = false, minus = false;
    if (p < e && (*p == '+' || *p == '-')) {
        plus = *p == '+';
        minus = !plus;
        p++;
    }
    const char *ds = p;
    int64_t y = 0;
    while (p < e && p - ds < 10 && is_digit(*p))
        y = y * 10 + (*p++ - '0');
    ptrdiff_t nd = p - ds;
    if (nd < 4 || (plus && nd <= 4) || (!plus && !minus && nd > 4) || (minus && y == 0))
        return -1;
    if (y > 999999999)
        return -1;
    if (minus)
        y = -y;
    unsigned m, d;
    if (e - p < 6 || p[0] != '-' || !two_digits(p + 1, e, &m) || p[3] != '-' ||
        !two_digits(p + 4, e, &d))
        return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    unsigned ml = month_len(y, m);
    if (d > ml) {
        if (strict)
            return -1;
        d = ml;
    }
    *days = days_from_civil(y, m, d);
    *pp = p + 6;
    return 0;
}

/* HH:mm[:ss[.fffffffff]] with seconds required unless `sec_optional`
 * (ISO_LOCAL_TIME); nanos of the day, *rollover set for "24:00". */
static int parse_hms(const char **pp, const char *e, bool sec_optional, int64_t *nod,
                     bool *rollover) {
    const char *p = *pp;
    unsigned h, mi, s = 0, nanos = 0;
    if (!two_digits(p, e, &h) || e - p < 5 || p[2] != ':' || !two_digits(p + 3, e, &mi))
        return -1;
    p += 5;
    if (p < e && *p == ':') {
        if (!two_digits(p + 1, e, &s))
            return -1;
        p += 3;
        /* appendFraction(NANO, 0, 9, true): "ss." with no digits is
         * accepted as zero, as java.time does */
        if (p < e && *p == '.') {
            p++;
            int k = 0;
            while (p < e && k < 9 && is_digit(*p)) {
                nanos = nanos * 10 + (unsigned)(*p++ - '0');
                k++;
            }
            for (; k < 9; k++)
                nanos *= 10;
        }
    } else if (!sec_optional) {
        return -1;
    }
    if (mi > 59 || s > 59)
        return -1;
    *rollover = false;
    if (h == 24 && mi == 0 && s == 0 && nanos == 0) {
        h = 0;
        *rollover = true;
    } else if (h > 23) {
        return -1;
    }
    *nod = ((int64_t)h * 3600 + mi * 60 + s) * 1000000000 + nanos;
    *pp = p;
    return 0;
}

int sqlkc_rt_parse_date(const char *p, size_t n, int32_t *days) {
    const char *e = p + n;
    int64_t d;
    if (parse_ymd(&p, e, true, &d) != 0 || p != e)
        return -1;
    *days = (int32_t)(uint32_t)d; /* Java's (int) toEpochDay() wraps too */
    return 0;
}

int sqlkc_rt_parse_time(const char *p, size_t n, int32_t *millis) {
    const char *e = p + n;
    int64_t nod;
    bool roll;
    if (parse_hms(&p, e, false, &nod, &roll) != 0 || p != e)
        return -1;
    *millis = (int32_t)(nod / 1000000);
    return 0;
}

int sqlkc_rt_parse_time_iso(const char *p, size_t n, int32_t *millis) {
    const char *e = p + n;
    int64_t nod;
    bool roll;
    if (parse_hms(&p, e, true, &nod, &roll) != 0 || p != e)
        return -1;
    *millis = (int32_t)(nod / 1000000);
    return 0;
}

int sqlkc_rt_parse_timestamp(const char *p, size_t n, bool iso, bool ltz, sqlkc_rt_ts_t *out) {
    const char *e = p + n;
    int64_t days, nod;
    bool roll;
    if (parse_ymd(&p, e, false, &days) != 0 || p == e)
        return -1;
    /* ISO_LOCAL_DATE_TIME parses case-insensitively; Flink's LTZ ISO
     * formatter is built without that, and SQL wants a space */
    char sep = *p++;
    if (iso ? !(sep == 'T' || (sep == 't' && !ltz)) : sep != ' ')
        return -1;
    if (parse_hms(&p, e, iso, &nod, &roll) != 0)
        return -1;
    if (ltz) {
        if (p == e || *p != 'Z')
            return -1;
        p++;
    }
    if (p != e)
        return -1;
    days += roll;
    /* TimestampData.fromLocalDateTime; unsigned arithmetic wraps like Java
     * longs for the (absurd) years where millis overflow */
    out->millis = (int64_t)((uint64_t)days * 86400000u + (uint64_t)(nod / 1000000));
    out->nanos = (int32_t)(nod % 1000000);
    return 0;
}
