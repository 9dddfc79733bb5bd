//! "Simulate N visitors": a run of many requests, on a server of its own or on the lab's
//! server, advanced a chunk at a time so the page stays responsive between chunks.

use super::{Op, Workbench};
use crate::engine::clock::Millis;
use crate::engine::lab::Action;
use crate::engine::session::StoreKind;
use crate::model::visitors::{self, Sim, SimConfig};

/// A simulation the page is running.
pub struct SimRun {
    /// The simulation and its figures so far.
    pub sim: Sim,
    /// It runs on the lab's own server (so its sessions appear in the store).
    pub on_lab: bool,
    /// The store it fills is a MemoryStore (which keeps expired sessions until read).
    pub memory: bool,
    /// The learner stopped it.
    pub cancelled: bool,
    /// How far a run on the lab's server moved the lab's clock when it ended (the time its
    /// visits took; 0 before, and for a run on a server of its own). A phone reviewer saw
    /// the clock 2 h 46 min on without a word.
    pub moved: Millis,
}

impl SimRun {
    /// Whether it has nothing more to do.
    pub fn done(&self) -> bool {
        self.cancelled || self.sim.finished()
    }
}

impl Workbench {
    /// The current (or last) simulation.
    pub fn sim(&self) -> Option<&SimRun> {
        self.sim.as_ref()
    }

    /// Whether `op` changes nothing but the running simulation's own figures: the next chunk
    /// of a run on a server of its own. Every other part of the page shows the lab, which that
    /// chunk leaves alone, so the page redraws only the simulation's panel for it (a run of
    /// 100,000 visitors takes a few hundred chunks).
    pub fn changes_only_the_simulation(&self, op: &Op) -> bool {
        matches!(op, Op::SimStep(_)) && self.sim.as_ref().is_some_and(|r| !r.on_lab)
    }

    pub(super) fn sim_start(&mut self, config: SimConfig, on_lab: bool) {
        let now = self.lab.now;
        let (sim, memory) = if on_lab {
            let memory = self.lab.server.store.kind() == StoreKind::Memory;
            (Sim::on_server(config, now, &self.lab.server), memory)
        } else {
            let memory = config.store == StoreKind::Memory;
            (Sim::new(config, now), memory)
        };
        self.sim = Some(SimRun {
            sim,
            on_lab,
            memory,
            cancelled: false,
            moved: 0,
        });
    }

    /// Runs up to `n` more requests. When a run on the lab's server ends, the lab's clock
    /// moves to where the simulation's clock got to.
    pub(super) fn sim_step(&mut self, n: usize) {
        let Some(run) = self.sim.as_mut() else { return };
        if run.done() {
            return;
        }
        if run.on_lab {
            run.sim.step_on(&mut self.lab.server, n);
        } else {
            run.sim.step(n);
        }
        if !run.done() {
            return;
        }
        let (on_lab, stats, at) = (run.on_lab, run.sim.stats, run.sim.now());
        let since = self.announcement.n;
        if on_lab {
            let by = at - self.lab.now;
            if by > 0 {
                // (the clock's move is said as any other: "The clock moved forward …")
                self.act(Action::Advance(by));
                if let Some(run) = self.sim.as_mut() {
                    run.moved = by;
                }
            }
        }
        // the result appears under the form as the focus returns to Start: a screen reader
        // heard nothing of it
        self.announcement
            .add(since, &visitors::result_text(self.lang, &stats));
    }

    pub(super) fn sim_stop(&mut self) {
        let since = self.announcement.n;
        let Some(run) = self.sim.as_mut() else { return };
        if run.done() {
            return;
        }
        run.cancelled = true;
        let stats = run.sim.stats;
        let said = crate::i18n::sentences(&[
            visitors::cancelled_text(self.lang, stats.requests, run.sim.config.visitors),
            visitors::result_text(self.lang, &stats),
        ]);
        if run.on_lab {
            self.travel = None;
            let by = run.sim.now() - self.lab.now;
            if by > 0 {
                run.moved = by;
                self.act(Action::Advance(by));
            }
        }
        // (the live region had kept the last run's result, now wrong)
        self.announcement.lead(since, &said);
    }
}
