//! Any sequence of live events, in any order: merging never panics, never lists a question
//! twice, and never moves a question back to an older revision.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryggve_core::dialogue::{DialogueSnapshot, LiveDialogue, LiveEvent, PublicDialogue, QuestionOrder};

fuzz_target!(|data: &[u8]| {
    let Ok(events) = serde_json::from_slice::<Vec<LiveEvent>>(data) else { return };
    let mut live = LiveDialogue::new(DialogueSnapshot { dialogue: PublicDialogue::default(), questions: vec![] });
    for event in events {
        let before = live.questions.clone();
        live.apply(event);
        for q in &live.questions {
            assert_eq!(live.questions.iter().filter(|o| o.id == q.id).count(), 1);
            if let Some(old) = before.iter().find(|o| o.id == q.id) {
                assert!(q.revision >= old.revision);
            }
        }
    }
    let _ = live.sorted(QuestionOrder::MostVotes);
    let _ = live.sorted(QuestionOrder::Newest);
});
