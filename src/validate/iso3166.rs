//! The officially assigned ISO 3166-1 alpha-2 country codes (249), for `whitelisted_destinations`.
//!
//! Packed two letters per code in one sorted string (far smaller in the `.wasm` than a table of strings): a typo such as "UK"
//! or "XX" is caught before the API is called. "UK" is not assigned: the United Kingdom is "GB".

/// Every assigned code, concatenated in alphabetical order.
const CODES: &str = concat!(
    "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCR",
    "CUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHU",
    "IDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQ",
    "MRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI",
    "SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW",
);

/// Whether `code` is an assigned ISO 3166-1 alpha-2 code (capital letters).
pub fn is_alpha2(code: &str) -> bool {
    code.len() == 2
        && code.bytes().all(|b| b.is_ascii_uppercase())
        && CODES.as_bytes().chunks_exact(2).any(|pair| pair == code.as_bytes())
}

/// The number of codes in the table (for tests).
pub fn count() -> usize {
    CODES.len() / 2
}
