//! WebCrypto, the runtime's native crypto: randomness and PBKDF2. Native code keeps a
//! 100,000-iteration password hash to a few milliseconds of billed CPU.

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(array: &Uint8Array) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = importKey)]
    fn import_key(
        format: &str,
        key: &Uint8Array,
        algorithm: &str,
        extractable: bool,
        usages: &Array,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(catch, js_namespace = ["crypto", "subtle"], js_name = deriveBits)]
    fn derive_bits(algorithm: &Object, key: &JsValue, length: u32) -> Result<Promise, JsValue>;
}

fn js_error(context: &str, err: JsValue) -> worker::Error {
    worker::Error::RustError(format!("{context}: {err:?}"))
}

pub fn random_bytes<const N: usize>() -> worker::Result<[u8; N]> {
    let array = Uint8Array::new_with_length(N as u32);
    get_random_values(&array).map_err(|e| js_error("getRandomValues", e))?;
    let mut out = [0u8; N];
    array.copy_to(&mut out);
    Ok(out)
}

pub async fn pbkdf2_sha256(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
) -> worker::Result<Vec<u8>> {
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = JsFuture::from(
        import_key("raw", &Uint8Array::from(password), "PBKDF2", false, &usages)
            .map_err(|e| js_error("importKey", e))?,
    )
    .await
    .map_err(|e| js_error("importKey", e))?;
    let algorithm = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&algorithm, &JsValue::from_str(k), &v);
    set("name", "PBKDF2".into()).map_err(|e| js_error("pbkdf2 params", e))?;
    set("hash", "SHA-256".into()).map_err(|e| js_error("pbkdf2 params", e))?;
    set("salt", Uint8Array::from(salt).into()).map_err(|e| js_error("pbkdf2 params", e))?;
    set("iterations", iterations.into()).map_err(|e| js_error("pbkdf2 params", e))?;
    let bits =
        JsFuture::from(derive_bits(&algorithm, &key, 256).map_err(|e| js_error("deriveBits", e))?)
            .await
            .map_err(|e| js_error("deriveBits", e))?;
    Ok(Uint8Array::new(&bits).to_vec())
}
