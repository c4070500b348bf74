//! Which country a phone number rings in, from its country calling code (ITU-T E.164 assignments): the
//! sandbox's `whitelisted_destinations` and the edge Worker's `ALLOWED_COUNTRIES` (`countryOf` in JS). Covers the
//! EU, US, UK, CA, AU, IN, BR, JP and the other large markets; a number outside the table has no country, so an
//! allow-list refuses it unless it is `["*"]` (fail closed).
//!
//! +1 is shared by the NANP: Canadian area codes map to CA, the Caribbean and Pacific members and the US
//! territories to their own codes (+1 876 is Jamaica, a pumping destination, not the US), the rest to US.

/// Calling code → ISO 3166-1 alpha-2, longest codes matched first.
const CODES: &[(&str, &str)] = &[
    ("351", "PT"),
    ("352", "LU"),
    ("353", "IE"),
    ("354", "IS"),
    ("356", "MT"),
    ("357", "CY"),
    ("358", "FI"),
    ("359", "BG"),
    ("370", "LT"),
    ("371", "LV"),
    ("372", "EE"),
    ("385", "HR"),
    ("386", "SI"),
    ("420", "CZ"),
    ("421", "SK"),
    ("234", "NG"),
    ("254", "KE"),
    ("852", "HK"),
    ("886", "TW"),
    ("966", "SA"),
    ("971", "AE"),
    ("972", "IL"),
    ("20", "EG"),
    ("27", "ZA"),
    ("30", "GR"),
    ("31", "NL"),
    ("32", "BE"),
    ("33", "FR"),
    ("34", "ES"),
    ("36", "HU"),
    ("39", "IT"),
    ("40", "RO"),
    ("41", "CH"),
    ("43", "AT"),
    ("44", "GB"),
    ("45", "DK"),
    ("46", "SE"),
    ("47", "NO"),
    ("48", "PL"),
    ("49", "DE"),
    ("51", "PE"),
    ("52", "MX"),
    ("54", "AR"),
    ("55", "BR"),
    ("56", "CL"),
    ("57", "CO"),
    ("60", "MY"),
    ("61", "AU"),
    ("62", "ID"),
    ("63", "PH"),
    ("64", "NZ"),
    ("65", "SG"),
    ("66", "TH"),
    ("81", "JP"),
    ("82", "KR"),
    ("84", "VN"),
    ("86", "CN"),
    ("90", "TR"),
    ("91", "IN"),
    ("92", "PK"),
    ("7", "RU"),
];

/// Canadian NANP area codes.
const CANADA: &[&str] = &[
    "204", "226", "236", "249", "250", "257", "263", "289", "306", "343", "354", "365", "367", "368", "382", "403",
    "416", "418", "428", "431", "437", "438", "450", "468", "474", "506", "514", "519", "548", "579", "581", "584",
    "587", "604", "613", "639", "647", "672", "683", "705", "709", "742", "753", "778", "780", "782", "807", "819",
    "825", "867", "873", "879", "902", "905",
];

/// NANP area codes of members other than the US and Canada (the NANPA's list of participating countries).
const NANP_OTHERS: &[(&str, &str)] = &[
    ("242", "BS"),
    ("246", "BB"),
    ("264", "AI"),
    ("268", "AG"),
    ("284", "VG"),
    ("340", "VI"),
    ("345", "KY"),
    ("441", "BM"),
    ("473", "GD"),
    ("649", "TC"),
    ("658", "JM"),
    ("664", "MS"),
    ("670", "MP"),
    ("671", "GU"),
    ("684", "AS"),
    ("721", "SX"),
    ("758", "LC"),
    ("767", "DM"),
    ("784", "VC"),
    ("787", "PR"),
    ("809", "DO"),
    ("829", "DO"),
    ("849", "DO"),
    ("868", "TT"),
    ("869", "KN"),
    ("876", "JM"),
    ("939", "PR"),
];

/// The ISO code of the country an E.164 number belongs to, if the table knows it.
pub fn country_of(phone_number: &str) -> Option<&'static str> {
    let digits = phone_number.strip_prefix('+')?;
    if let Some(national) = digits.strip_prefix('1') {
        let area = national.get(..3)?;
        if let Some((_, iso)) = NANP_OTHERS.iter().find(|(code, _)| *code == area) {
            return Some(iso);
        }
        return Some(if CANADA.contains(&area) { "CA" } else { "US" });
    }
    CODES.iter().filter(|(code, _)| digits.starts_with(code)).max_by_key(|(code, _)| code.len()).map(|(_, iso)| *iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_examples_and_major_markets() {
        let cases = [
            ("+13035551234", "US"),
            ("+14165551234", "CA"),
            ("+442071838750", "GB"),
            ("+61291234567", "AU"),
            ("+919876543210", "IN"),
            ("+5511987654321", "BR"),
            ("+81312345678", "JP"),
            ("+4915123456789", "DE"),
            ("+33612345678", "FR"),
            ("+35312345678", "IE"),
            ("+35891234567", "FI"),
            ("+420601123456", "CZ"),
            ("+3706123456", "LT"),
            ("+79161234567", "RU"),
            ("+18765551234", "JM"),
            ("+17875551234", "PR"),
            ("+12425551234", "BS"),
        ];
        for (number, iso) in cases {
            assert_eq!(country_of(number), Some(iso), "{number}");
        }
        assert_eq!(country_of("+999123"), None);
        assert_eq!(country_of("13035551234"), None);
    }

    #[test]
    fn every_eu_member_is_covered() {
        let eu = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
            "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        ];
        for iso in eu {
            assert!(CODES.iter().any(|(_, c)| *c == iso), "{iso}");
        }
    }
}
