//! Which names hold secrets: one rule for header names, JSON members (at any depth), URL query
//! and fragment parameters, form fields, `name=value` and `name: value` pairs in text, XML
//! elements and HTML form fields.
//!
//! A name is split into words at separators and at camel-case steps (`X-Amz-Security-Token`,
//! `aws_secret_access_key`, `accessToken`, `APIKey` → `api key`), lower-cased. It is a
//! secret's name when a *stem* ends at the end of one of its words and no *qualifier* word
//! follows the last such stem:
//!
//! - stems that may end a longer word or run of words: `password`, `passwd`, `pwd`,
//!   `passphrase`, `passcode`, `secret(s)`, `token`, `credential(s)`, `creds`, `signature`,
//!   `cookie(s)`, `authorization`, `auth` (`basic_auth`, `oauth`; never `author`, `authority`,
//!   `authenticate`), `apikey`, `privatekey`, `secretkey`, `accesskey`, `sessionid`, `sessid`,
//!   `connectionstring(s)`, `connstr`, `assertion`, `jwt`, `dsn`;
//! - stems that must be a whole word: `pass`, `pw`, `sig`, `pin`, `cvv`, `cvc`, `otp`, `totp`,
//!   `psk`, `sas`, `hmac`;
//! - `key` or `keys`: as the last word after another word (`X-Functions-Key`,
//!   `Ocp-Apim-Subscription-Key`, `master_key`), unless that word names an identifier
//!   (`idempotency`, `public`, `publishable`, `sort`, `partition`, `cache`, `object`, …:
//!   [`KEY_IDENTIFIERS`]); as the end of one word only after a secret-ish prefix (`apikey`,
//!   `accountkey`, `passkey`: [`SECRET_KEY_PREFIXES`]; not `monkey`); alone, only as a URL or
//!   form parameter (Google's `?key=`), where `code` (an OAuth authorization code) counts too;
//! - `token` after a paging word is a cursor, not a credential: `page_token`,
//!   `nextPageToken`, `continuation_token`, AWS `NextToken`, `sync_token`.
//!
//! A qualifier after the last stem says the value describes the secret rather than being it:
//! `token_type`, `token_type_hint`, `password_policy`, `secret_name`, `key_id`,
//! `private_key_id`, `access_key_id`, `api_key_expires_at`, `auth_method`, `x-auth-email`
//! ([`QUALIFIERS`]). So `max_tokens`, `tokenizer`, `author`, `idempotency_key`, `key_id`,
//! `public_key` and `signal` stay; `x-hub-signature-256`, `password_hash` and `secret_key_base`
//! go. A false positive costs one value in a report; a false negative leaks a credential, so
//! the lists lean that way. Only the last 128 letters and digits of a name are read.

/// Stems that may end a longer word (`clientsecret`, `csrftoken`) or a run of words
/// (`api_key` → `apikey`).
const STEMS: &[&[u8]] = &[
    b"password",
    b"passwords",
    b"passwd",
    b"pwd",
    b"passphrase",
    b"passcode",
    b"secret",
    b"secrets",
    b"token",
    b"credential",
    b"credentials",
    b"creds",
    b"signature",
    b"cookie",
    b"cookies",
    b"authorization",
    b"authorisation",
    b"auth",
    b"apikey",
    b"apikeys",
    b"privatekey",
    b"secretkey",
    b"accesskey",
    b"sessionid",
    b"sessid",
    b"connectionstring",
    b"connectionstrings",
    b"connstring",
    b"connstr",
    b"assertion",
    b"jwt",
    b"dsn",
];

/// Stems that count only as a whole word (`db_pass`, `sig`, but not `bypass`, `signal`).
const WORD_STEMS: &[&[u8]] = &[
    b"pass", b"pw", b"sig", b"pin", b"cvv", b"cvc", b"otp", b"totp", b"psk", b"sas", b"hmac",
];

/// Words before a final `key` that make it an identifier rather than a credential.
pub(super) const KEY_IDENTIFIERS: &str = "\
    idempotency idempotent dedup dedupe deduplication public publishable pub sort sorting \
    partition range hash row foreign composite cache object s3 file lookup routing translation \
    i18n message field map group resource event item entity record unique natural cursor page \
    continuation missing unknown allowed required extra invalid duplicate index";

/// Prefixes that make a one-word `…key` a credential (`apikey`, `functionskey`, `passkey`).
pub(super) const SECRET_KEY_PREFIXES: &str = "\
    api secret private priv access auth client signing sign encryption encrypt enc master \
    account storage function functions host subscription license licence app application \
    service admin session shared webhook consumer developer dev server integration root hmac \
    crypto sas deploy partner merchant bot pass write primary secondary aes ssh gpg pgp rsa \
    jwt cipher vault";

/// Words before `token` that make it a paging cursor.
const PAGING: &str = "\
    page paging pagination next continuation sync cursor resume cancellation";

/// Words that, after the last stem, say the value is about the secret, not the secret.
pub(super) const QUALIFIERS: &str = "\
    type types kind method methods scheme schemes mode url urls uri endpoint path file policy \
    length len count limit min max expires expiry expiration exp ttl lifetime age required \
    enabled present provided valid set format name names version status state usage header \
    param parameter field location prefix suffix rotation changed updated created at in id ids \
    email user username algorithm alg fingerprint error errors message reason";

/// How many letters and digits of a name are read (its end: stems and qualifiers are there).
const MAX_NAME: usize = 128;
const MAX_WORDS: usize = 64;

/// A name's words: its letters and digits lower-cased, and where each word ends.
struct Words {
    norm: [u8; MAX_NAME],
    len: usize,
    ends: [usize; MAX_WORDS],
    count: usize,
}

impl Words {
    fn split(name: &str) -> Self {
        let bytes = name.as_bytes();
        // Only the end of a long name is read: start MAX_NAME letters and digits from its end.
        let mut from = bytes.len();
        let mut seen = 0;
        while from > 0 && seen < MAX_NAME {
            from -= 1;
            if bytes.get(from).is_some_and(u8::is_ascii_alphanumeric) {
                seen += 1;
            }
        }
        let mut w = Words {
            norm: [0; MAX_NAME],
            len: 0,
            ends: [0; MAX_WORDS],
            count: 0,
        };
        let mut prev: Option<u8> = None;
        for (offset, &b) in bytes.get(from..).unwrap_or(&[]).iter().enumerate() {
            if !b.is_ascii_alphanumeric() {
                w.end_word();
                prev = None;
                continue;
            }
            let next = bytes.get(from + offset + 1).copied();
            let camel_step = match prev {
                // accessToken, oauth2Token
                Some(p)
                    if b.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()) =>
                {
                    true
                }
                // APIKey: the last capital of a run starts the next word.
                Some(p) if b.is_ascii_uppercase() && p.is_ascii_uppercase() => {
                    next.is_some_and(|n| n.is_ascii_lowercase())
                }
                _ => false,
            };
            if camel_step {
                w.end_word();
            }
            if let Some(slot) = w.norm.get_mut(w.len) {
                *slot = b.to_ascii_lowercase();
                w.len += 1;
            }
            prev = Some(b);
        }
        w.end_word();
        w
    }

    fn end_word(&mut self) {
        let last = self
            .count
            .checked_sub(1)
            .and_then(|i| self.ends.get(i))
            .copied();
        if self.len == 0 || last == Some(self.len) {
            return;
        }
        if self.count == MAX_WORDS {
            // Keep the last words: drop the first.
            self.ends.copy_within(1.., 0);
            self.count -= 1;
        }
        if let Some(slot) = self.ends.get_mut(self.count) {
            *slot = self.len;
            self.count += 1;
        }
    }

    fn start(&self, j: usize) -> usize {
        j.checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .copied()
            .unwrap_or(0)
    }

    fn word(&self, j: usize) -> &[u8] {
        let end = self.ends.get(j).copied().unwrap_or(0);
        self.norm.get(self.start(j)..end).unwrap_or(&[])
    }

    /// The letters and digits up to the end of word `j`.
    fn through(&self, j: usize) -> &[u8] {
        let end = self.ends.get(j).copied().unwrap_or(0);
        self.norm.get(..end).unwrap_or(&[])
    }
}

/// The words of a list written as one string, space-separated (a table of slices would cost
/// the WebAssembly package eight bytes a word). The stems, read for every name, stay tables.
fn words(list: &'static str) -> impl Iterator<Item = &'static [u8]> {
    list.split(' ').map(str::as_bytes)
}

fn one_of(word: &[u8], list: &'static str) -> bool {
    !word.is_empty() && words(list).any(|w| w == word)
}

/// Whether a stem ends at the end of word `j`.
fn stem_ends_at(w: &Words, j: usize) -> bool {
    let word = w.word(j);
    let through = w.through(j);
    if WORD_STEMS.contains(&word) {
        return true;
    }
    let last = through.last();
    for &stem in STEMS {
        // The last letter alone rules out most stems (cheaper than comparing them).
        if stem.last() == last && through.ends_with(stem) {
            if stem == b"token" {
                let before = through.get(..through.len() - stem.len()).unwrap_or(&[]);
                if words(PAGING).any(|p| before.ends_with(p)) {
                    continue;
                }
            }
            return true;
        }
    }
    for key in [&b"key"[..], b"keys"] {
        if word == key {
            if j > 0 {
                return !one_of(w.word(j - 1), KEY_IDENTIFIERS);
            }
        } else if let Some(prefix) = word.strip_suffix(key) {
            if words(SECRET_KEY_PREFIXES).any(|p| prefix.ends_with(p)) {
                return true;
            }
        }
    }
    false
}

fn rule(name: &str, parameter: bool) -> bool {
    let w = Words::split(name);
    let last_stem = (0..w.count).rev().find(|&j| stem_ends_at(&w, j));
    match last_stem {
        Some(j) => !((j + 1)..w.count).any(|k| one_of(w.word(k), QUALIFIERS)),
        None => parameter && w.count == 1 && matches!(w.word(0), b"key" | b"code"),
    }
}

/// Whether a header, JSON member, XML element or pair in text called `name` holds a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    rule(name, false)
}

/// Whether a URL query or fragment parameter, or a form field, called `name` holds a secret:
/// the same rule, plus `key` and `code` alone.
pub(crate) fn is_secret_parameter(name: &str) -> bool {
    rule(name, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "Set-Cookie",
            "client_secret",
            "clientSecret",
            "access_token",
            "refreshToken",
            "id_token",
            "X-Api-Key",
            "x-api-key",
            "API_KEY",
            "APIKey",
            "apikey",
            "password",
            "DATABASE_PASSWORD",
            "passwd",
            "pwd",
            "db_pass",
            "X-Secret-Key",
            "X-Functions-Key",
            "Ocp-Apim-Subscription-Key",
            "X-Amz-Security-Token",
            "X-Amz-Signature",
            "X-Amz-Credential",
            "aws_secret_access_key",
            "SecretAccessKey",
            "accountKey",
            "AccountKey",
            "SharedAccessKey",
            "private_key",
            "dsn",
            "sentry_dsn",
            "connection_string",
            "ConnectionStrings",
            "sig",
            "signature",
            "X-Hub-Signature-256",
            "auth",
            "basic_auth",
            "oauth_token",
            "session_id",
            "X-Session-Id",
            "sessionid",
            "csrfmiddlewaretoken",
            "csrf-token",
            "jwt",
            "pin",
            "cvv",
            "otp",
            "client_assertion",
            "passkey",
            "secret_key_base",
            "password_hash",
            "wsse:Password",
            "user[password]",
            "Private-Token",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn names_that_only_look_secret() {
        for name in [
            "idempotency_key",
            "Idempotency-Key",
            "key_id",
            "kid",
            "key",
            "private_key_id",
            "AWSAccessKeyId",
            "access_key_id",
            "public_key",
            "publishable_key",
            "public_key_fingerprint",
            "token_type",
            "token_type_hint",
            "max_tokens",
            "total_tokens",
            "tokenizer",
            "page_token",
            "nextPageToken",
            "NextToken",
            "continuation_token",
            "author",
            "authority",
            "WWW-Authenticate",
            "authentication",
            "auth_method",
            "X-Auth-Email",
            "expires_in",
            "code",
            "message",
            "requestId",
            "x-request-id",
            "signal",
            "design",
            "monkey",
            "bypass",
            "secretary",
            "passwordless",
            "password_policy",
            "secret_name",
            "cookie_name",
            "etag",
            "sha256",
            "commit",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn word_lists_are_single_spaced_lower_case_words() {
        for list in [KEY_IDENTIFIERS, SECRET_KEY_PREFIXES, PAGING, QUALIFIERS] {
            assert!(words(list).all(|w| !w.is_empty()
                && w.iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())));
        }
    }

    #[test]
    fn parameters_add_key_and_code() {
        assert!(is_secret_parameter("key"));
        assert!(is_secret_parameter("code"));
        assert!(is_secret_parameter("access_token"));
        assert!(!is_secret_parameter("promo_code"));
        assert!(!is_secret_parameter("limit"));
        assert!(!is_secret_name("key"));
    }

    #[test]
    fn long_names_are_read_from_their_end() {
        let long = alloc::format!("{}_password", "a".repeat(10_000));
        assert!(is_secret_name(&long));
        let many = alloc::format!("{}token_type", "a_".repeat(500));
        assert!(!is_secret_name(&many));
    }
}
