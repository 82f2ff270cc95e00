//! The live line between a participant's browser and a dialogue's room: what may travel on it,
//! who may open one, and how a browser opens it again after it closed.
//!
//! The room only speaks: participants listen, and ask and vote over HTTP. The one frame a
//! browser sends is [`LIVE_PING`], which the runtime answers with [`LIVE_PONG`] without waking
//! the room; any other frame closes the socket with [`POLICY_CLOSE`].

/// The frame a browser sends to keep a quiet line open through proxies.
pub const LIVE_PING: &str = "ping";
/// The runtime's answer to it.
pub const LIVE_PONG: &str = "pong";
/// "Policy violation" (RFC 6455): the socket sent something the room does not take.
pub const POLICY_CLOSE: u16 = 1008;
/// How often a browser pings while the line is open.
pub const PING_EVERY_MS: u32 = 30_000;

/// Whether a client may open one more socket in a room that already holds `open` of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Open,
    /// At the municipality's cap of sockets per client and dialogue.
    Full,
}

impl Admission {
    pub fn of(open: usize, cap: u32) -> Self {
        if open >= cap as usize {
            Self::Full
        } else {
            Self::Open
        }
    }
}

/// A frame that is not the ping, judged by when (if ever) the room closed its socket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offence {
    /// The socket's first: the room closes it with [`POLICY_CLOSE`].
    First,
    /// Sent before the room's close reached the client: nothing more to do.
    InFlight,
    /// Sent long after the close: the client ignores it. Only a reset of the room ends such a
    /// socket; the client is shut out for [`SHUT_OUT_MS`].
    CloseIgnored,
}

/// How long frames may still arrive after the room's close: those the client sent before the
/// close reached it.
pub const CLOSE_GRACE_MS: u64 = 1_000;
/// How long a client that ignored the room's close may not connect again.
pub const SHUT_OUT_MS: u64 = 60 * 60 * 1000;

impl Offence {
    pub fn of(closed_at_ms: Option<u64>, now_ms: u64) -> Self {
        match closed_at_ms {
            None => Self::First,
            Some(at) if now_ms.saturating_sub(at) < CLOSE_GRACE_MS => Self::InFlight,
            Some(_) => Self::CloseIgnored,
        }
    }
}

/// Whole seconds (rounded up) until a shut-out that ends at `until_ms` is over, if it is not.
pub fn shut_out_left_secs(until_ms: u64, now_ms: u64) -> Option<u32> {
    (until_ms > now_ms).then(|| (until_ms - now_ms).div_ceil(1000).min(u64::from(u32::MAX)) as u32)
}

/// How a line ended, as the browser saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// It had been open; the room or the network closed it with `code`.
    Closed { code: u16 },
    /// The handshake failed, and the edge, asked why, said this client has too many lines or
    /// opened too many lately: the next try may succeed after `retry_after_secs`.
    TooMany { retry_after_secs: u32 },
    /// The handshake failed for another reason (offline, the edge away).
    Failed,
}

/// What the browser does next, and what it tells the resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextTry {
    /// A passing drop: try again after `ms`.
    Reconnect { ms: u32 },
    /// This network holds too many lines: say so, and wait `ms` before the next try.
    TooMany { ms: u32 },
    /// The room closed the line for breaking its rules: wait long before the next try.
    Refused { ms: u32 },
}

impl NextTry {
    pub fn wait_ms(self) -> u32 {
        match self {
            Self::Reconnect { ms } | Self::TooMany { ms } | Self::Refused { ms } => ms,
        }
    }
}

const FIRST_PAUSE_MS: u32 = 1_000;
const LONGEST_PAUSE_MS: u32 = 30_000;
/// Never sooner than this after a refusal, whatever Retry-After said.
const SHORTEST_REFUSAL_PAUSE_MS: u32 = 30_000;
const LONGEST_REFUSAL_PAUSE_MS: u32 = 3_600_000;

/// The pauses between tries: growing while the line keeps failing, back to short once it was
/// open again. Each pause is spread by up to a quarter (`jitter` in 0..1), so that a thousand
/// browsers that lost the room together do not all come back in the same millisecond.
#[derive(Debug, Clone)]
pub struct Reconnection {
    pause_ms: u32,
}

impl Default for Reconnection {
    fn default() -> Self {
        Self { pause_ms: FIRST_PAUSE_MS }
    }
}

impl Reconnection {
    /// The line is open: the next drop is retried soon again.
    pub fn opened(&mut self) {
        self.pause_ms = FIRST_PAUSE_MS;
    }

    pub fn after(&mut self, ending: Ending, jitter: f64) -> NextTry {
        let spread = |ms: u32| ms + (f64::from(ms) * 0.25 * jitter.clamp(0.0, 1.0)) as u32;
        match ending {
            Ending::TooMany { retry_after_secs } => {
                self.pause_ms = LONGEST_PAUSE_MS;
                let ms = retry_after_secs
                    .saturating_mul(1000)
                    .clamp(SHORTEST_REFUSAL_PAUSE_MS, LONGEST_REFUSAL_PAUSE_MS);
                NextTry::TooMany { ms: spread(ms) }
            }
            Ending::Closed { code: POLICY_CLOSE } => {
                self.pause_ms = LONGEST_PAUSE_MS;
                NextTry::Refused { ms: spread(2 * SHORTEST_REFUSAL_PAUSE_MS) }
            }
            Ending::Closed { .. } | Ending::Failed => {
                let ms = self.pause_ms;
                self.pause_ms = (ms * 2).min(LONGEST_PAUSE_MS);
                NextTry::Reconnect { ms: spread(ms) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_frame_closes_the_socket_and_one_long_after_the_close_means_the_close_is_ignored() {
        assert_eq!(Offence::of(None, 5_000), Offence::First);
        assert_eq!(Offence::of(Some(5_000), 5_000), Offence::InFlight);
        assert_eq!(Offence::of(Some(5_000), 5_999), Offence::InFlight);
        assert_eq!(Offence::of(Some(5_000), 6_000), Offence::CloseIgnored);
        // A clock that went back is not an offence.
        assert_eq!(Offence::of(Some(5_000), 4_000), Offence::InFlight);
    }

    #[test]
    fn a_shut_out_tells_the_seconds_left_rounded_up() {
        assert_eq!(shut_out_left_secs(10_000, 10_000), None);
        assert_eq!(shut_out_left_secs(10_000, 12_000), None);
        assert_eq!(shut_out_left_secs(10_001, 10_000), Some(1));
        assert_eq!(shut_out_left_secs(SHUT_OUT_MS, 0), Some(3600));
    }

    #[test]
    fn a_client_may_open_sockets_up_to_its_cap() {
        assert_eq!(Admission::of(0, 1), Admission::Open);
        assert_eq!(Admission::of(49, 50), Admission::Open);
        assert_eq!(Admission::of(50, 50), Admission::Full);
        assert_eq!(Admission::of(51, 50), Admission::Full);
        assert_eq!(Admission::of(0, 0), Admission::Full);
    }

    #[test]
    fn drops_are_retried_with_growing_pauses_and_soon_again_once_open() {
        let mut line = Reconnection::default();
        let pauses: Vec<u32> = (0..7).map(|_| line.after(Ending::Failed, 0.0).wait_ms()).collect();
        assert_eq!(pauses, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
        line.opened();
        assert_eq!(line.after(Ending::Closed { code: 1006 }, 0.0), NextTry::Reconnect { ms: 1_000 });
    }

    #[test]
    fn pauses_are_spread_by_at_most_a_quarter() {
        let mut line = Reconnection::default();
        assert_eq!(line.after(Ending::Failed, 0.999_999).wait_ms(), 1_249);
        assert_eq!(line.after(Ending::Failed, 7.0).wait_ms(), 2_500, "jitter is clamped");
        assert_eq!(line.after(Ending::Failed, -1.0).wait_ms(), 4_000);
    }

    #[test]
    fn too_many_lines_wait_as_long_as_the_edge_says_but_never_in_a_tight_loop() {
        let mut line = Reconnection::default();
        assert_eq!(
            line.after(Ending::TooMany { retry_after_secs: 600 }, 0.0),
            NextTry::TooMany { ms: 600_000 }
        );
        assert_eq!(line.after(Ending::TooMany { retry_after_secs: 0 }, 0.0), NextTry::TooMany { ms: 30_000 });
        assert_eq!(
            line.after(Ending::TooMany { retry_after_secs: u32::MAX }, 0.0),
            NextTry::TooMany { ms: 3_600_000 }
        );
        // A refusal also makes the next ordinary failure wait long.
        assert_eq!(line.after(Ending::Failed, 0.0), NextTry::Reconnect { ms: 30_000 });
    }

    #[test]
    fn a_line_closed_for_breaking_the_rooms_rules_is_not_reopened_soon() {
        let mut line = Reconnection::default();
        assert_eq!(line.after(Ending::Closed { code: POLICY_CLOSE }, 0.0), NextTry::Refused { ms: 60_000 });
        assert_eq!(line.after(Ending::Closed { code: 1001 }, 0.0), NextTry::Reconnect { ms: 30_000 });
    }
}
