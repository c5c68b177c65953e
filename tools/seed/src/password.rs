//! Password hashes in the format the worker verifies (`prasar_core::auth::PasswordHash`):
//! `pbkdf2-sha256$<iterations>$<salt, standard base64>$<hash, standard base64>`.

use base64::{engine::general_purpose::STANDARD, Engine};
use sha2::{Digest, Sha256};

/// Same as `prasar_core::auth::PBKDF2_ITERATIONS` (workerd refuses more).
pub const ITERATIONS: u32 = 100_000;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "prasar-demo-2026";

/// PBKDF2-HMAC-SHA256 with a 32-byte output.
pub fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password, salt, iterations)
}

/// A fixed salt per account, so the seed file is reproducible: the first 16 bytes of
/// SHA-256("prasar-demo-salt:" + account id). Fine for demo accounts only; real accounts
/// get random salts from the worker.
pub fn demo_salt(account_id: &str) -> [u8; 16] {
    let digest = Sha256::digest(format!("prasar-demo-salt:{account_id}").as_bytes());
    let mut salt = [0u8; 16];
    salt.copy_from_slice(&digest[..16]);
    salt
}

pub fn encode(iterations: u32, salt: &[u8], hash: &[u8]) -> String {
    format!(
        "pbkdf2-sha256${iterations}${}${}",
        STANDARD.encode(salt),
        STANDARD.encode(hash)
    )
}

/// The stored hash of the demo password for one account.
pub fn demo_password_hash(account_id: &str) -> String {
    let salt = demo_salt(account_id);
    let hash = pbkdf2_sha256(DEMO_PASSWORD.as_bytes(), &salt, ITERATIONS);
    encode(ITERATIONS, &salt, &hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn pbkdf2_matches_published_vectors() {
        // The well-known PBKDF2-HMAC-SHA256 vectors ("password"/"salt", c = 1 and 4096).
        assert_eq!(
            hex(&pbkdf2_sha256(b"password", b"salt", 1)),
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"
        );
        assert_eq!(
            hex(&pbkdf2_sha256(b"password", b"salt", 4096)),
            "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"
        );
        // RFC 7914 section 11, first 32 bytes of the 64-byte output.
        assert_eq!(
            hex(&pbkdf2_sha256(b"passwd", b"salt", 1)),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        );
    }

    #[test]
    fn encoded_hash_is_what_the_worker_parses() {
        let text = demo_password_hash("acct-demo-collector-udaipur");
        let parts: Vec<&str> = text.split('$').collect();
        assert_eq!(parts[0], "pbkdf2-sha256");
        assert_eq!(parts[1], "100000");
        assert_eq!(parts[2].len(), 24, "16 bytes, padded base64");
        assert_eq!(parts[3].len(), 44, "32 bytes, padded base64");
        let parsed = prasar_core::auth::PasswordHash::parse(&text).expect("worker parses it");
        assert_eq!(parsed.iterations, prasar_core::auth::PBKDF2_ITERATIONS);
        assert_eq!(parsed.salt, demo_salt("acct-demo-collector-udaipur"));
        assert_eq!(
            parsed.hash,
            pbkdf2_sha256(DEMO_PASSWORD.as_bytes(), &parsed.salt, ITERATIONS)
        );
        assert_eq!(parsed.encode(), text);
    }

    #[test]
    fn salts_differ_per_account_and_are_stable() {
        assert_eq!(demo_salt("a"), demo_salt("a"));
        assert_ne!(demo_salt("a"), demo_salt("b"));
    }
}
