//! Who counts as one client for rate limits (the edge hashes this with a daily salt).

/// The address that stands for one client: an IPv4 address as it is, an IPv6 address by its /64
/// (one home or phone gets a whole /64, and could otherwise pass as millions of clients).
pub fn network(address: &str) -> String {
    match address.trim().parse::<std::net::Ipv6Addr>() {
        Ok(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Err(_) => address.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::network;

    #[test]
    fn an_ipv6_client_is_its_64_and_an_ipv4_client_its_address() {
        assert_eq!(network("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(network("2001:db8:1:2:ffff:ffff:ffff:ffff"), network("2001:db8:1:2::7"));
        assert_ne!(network("2001:db8:1:3::1"), network("2001:db8:1:2::1"));
        assert_eq!(network("192.0.2.7"), "192.0.2.7");
        assert_ne!(network("192.0.2.7"), network("192.0.2.8"));
        assert_eq!(network(""), "");
    }
}
