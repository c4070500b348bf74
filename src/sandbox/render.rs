//! The text each channel delivers: an SMS from the profile's template, the sentence a voice call speaks, a
//! flash call's calling number, a WhatsApp message, and a PSD2 SMS that names the amount and the payee beside
//! the code (dynamic linking).

/// `template` with `{{app_name}}` and `{{code}}` filled in (and the seed quickstart's `{code}`).
pub fn fill(template: &str, app_name: &str, code: &str) -> String {
    let placeholders: [(&str, &str); 3] = [("{{app_name}}", app_name), ("{{code}}", code), ("{code}", code)];
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    'scan: while let Some(c) = rest.chars().next() {
        for (placeholder, value) in placeholders {
            if let Some(after) = rest.strip_prefix(placeholder) {
                out.push_str(value);
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Digits read one by one: "1, 2, 3".
fn spoken(code: &str) -> String {
    code.chars().map(String::from).collect::<Vec<_>>().join(", ")
}

pub fn call(app_name: &str, code: &str) -> String {
    let digits = spoken(code);
    format!("Hello, this is {app_name}. Your verification code is {digits}. Again, your code is {digits}.")
}

pub fn flashcall(caller: &str, code_length: usize) -> String {
    format!("Missed call from {caller}. Your code is the last {code_length} digits of this number.")
}

pub fn whatsapp(app_name: &str, code: &str) -> String {
    format!("{app_name}: *{code}* is your verification code. For your security, do not share this code.")
}

pub fn psd2(app_name: &str, code: &str, amount: &str, currency: &str, payee: &str) -> String {
    format!("{code} is your {app_name} code to approve a payment of {amount} {currency} to {payee}. Do not share it.")
}

pub fn verified_number(method: &str, code: &str) -> String {
    match method {
        "call" => format!("Your Telnyx verification code is {}.", spoken(code)),
        _ => format!("Your Telnyx verification code is {code}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled() {
        assert_eq!(
            fill("Your {{app_name}} verification code is: {{code}}.", "Acme", "12345"),
            "Your Acme verification code is: 12345."
        );
        assert_eq!(
            fill("My custom template. Your code is: {code}", "x", "777"),
            "My custom template. Your code is: 777"
        );
        assert_eq!(fill("é {{code}}{{code}} {{other}}", "a", "1"), "é 11 {{other}}");
        assert_eq!(
            call("Acme", "123"),
            "Hello, this is Acme. Your verification code is 1, 2, 3. Again, your code is 1, 2, 3."
        );
        assert!(psd2("Bank", "4821", "99.99", "EUR", "Acme Corp")
            .contains("4821 is your Bank code to approve a payment of 99.99 EUR to Acme Corp"));
    }
}
