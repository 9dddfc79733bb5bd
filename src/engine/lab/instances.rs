//! The app's instances and what stands in front of them: the second instance (`app2`) when
//! the deployment has two, the store each one uses, and one request's way through the TLS
//! proxy and the balancer to the instance that answers it.

use super::deploy::{forward, instance_name, sticky_set_cookie, Deploy, RouteWhy};
use super::Lab;
use crate::engine::clock::Millis;
use crate::engine::events::Event;
use crate::engine::ids::{IdGenerator, SeededRandom};
use crate::engine::server::http::{Request, Response};
use crate::engine::server::task::{Poll, Task, Wait};
use crate::engine::server::{new_store, App, Server};
use crate::engine::session::{SessionOptions, StoreKind};
use crate::engine::store::{PersistentStore, RedisStore, SessionStore, SharedKv, StoreRow};
use std::rc::Rc;

/// A store of `kind` for one instance: a MemoryStore of its own, or one over the lab's
/// database (connect-mongo shaped) or its Redis, which every instance shares.
pub(super) fn make_store(
    kind: StoreKind,
    db: &SharedKv,
    redis: &SharedKv,
) -> Box<dyn SessionStore> {
    match kind {
        StoreKind::Persistent => Box::new(PersistentStore::new(Box::new(db.clone()))),
        StoreKind::Redis => Box::new(RedisStore::new(Box::new(redis.clone()))),
        StoreKind::Memory => new_store(StoreKind::Memory),
    }
}

/// The second instance for `deploy`, if it has two: the same app and options, its own store
/// (or the shared one) and its own process memory. It draws ids from the lab's one generator
/// (see [`Lab::serve`]), so it holds a placeholder.
pub(super) fn twin_for(
    app: App,
    options: &SessionOptions,
    deploy: &Deploy,
    db: &SharedKv,
    redis: &SharedKv,
) -> Option<Server> {
    deploy.balanced().then(|| {
        let ids = IdGenerator::new(Default::default(), Box::new(SeededRandom(0)));
        let mut s = Server::new(
            app,
            options.clone(),
            make_store(options.store, db, redis),
            ids,
        );
        s.trust_proxy = deploy.trust_proxy;
        s
    })
}

impl Lab {
    /// The instance numbered `i` (1 is [`Lab::server`], 2 the second one when there is one).
    pub fn instance(&self, i: u8) -> &Server {
        match (&self.twin, i) {
            (Some(t), 2) => t,
            _ => &self.server,
        }
    }

    /// Every running instance, numbered from 1.
    pub fn instances(&self) -> Vec<(u8, &Server)> {
        let mut v = vec![(1, &self.server)];
        if let Some(t) = &self.twin {
            v.push((2, t));
        }
        v
    }

    /// The stores the lab shows, each once: one per instance when each keeps its own
    /// (MemoryStore), else the one they share. Each with the instance it belongs to, or `None`
    /// for a store every instance uses (or the only instance's).
    pub fn stores(&self) -> Vec<(Option<u8>, &dyn SessionStore)> {
        match &self.twin {
            Some(t) if !self.server.store.kind().outside_the_process() => vec![
                (Some(1), self.server.store.as_ref()),
                (Some(2), t.store.as_ref()),
            ],
            _ => vec![(None, self.server.store.as_ref())],
        }
    }

    /// The live session ids the stores hold, at most `n`, each store's newest first (the
    /// first instance's store before the second's): the attacker's signer offers them
    /// (forge's last stage had a keyboard user type a 32-character id read off the store
    /// table, whose cells take no focus). An expired session a MemoryStore still holds is
    /// left out: signing it gets "unknown id". Rows, so the signer can say whose each is
    /// ([`StoreRow::username`]: forge's bob among 32-character ids).
    pub fn newest_sessions(&self, n: usize) -> Vec<StoreRow> {
        let mut rows: Vec<StoreRow> = Vec::new();
        for (_, store) in self.stores() {
            let total = store.len_raw();
            let from = total.saturating_sub(n);
            for row in store.rows_page(from, total - from).into_iter().rev() {
                if store.has_live(&row.sid, self.now) && !rows.iter().any(|r| r.sid == row.sid) {
                    rows.push(row);
                }
            }
        }
        rows.truncate(n);
        rows
    }

    /// Entries held in every store the lab shows, plus the hand-built app's cards: what a
    /// restart may lose.
    pub(super) fn held(&self) -> usize {
        let cards: usize = self
            .instances()
            .iter()
            .map(|(_, s)| s.manual.cards.len())
            .sum();
        self.stores()
            .iter()
            .map(|(_, s)| s.len_raw())
            .sum::<usize>()
            + cards
    }

    /// Entries that survive a restart: those in a store outside the process.
    pub(super) fn kept(&self) -> usize {
        self.stores()
            .iter()
            .filter(|(_, s)| s.kind().outside_the_process())
            .map(|(_, s)| s.len_raw())
            .sum()
    }

    /// One request's way in: the TLS proxy (if any) ends TLS and adds `X-Forwarded-Proto`,
    /// the balancer (if two instances run) picks one, and that instance answers, the clock
    /// moving on while the store (and the handler's own timers) take their time. A sticky
    /// balancer pins a browser it has not pinned yet with its cookie. Both instances draw ids
    /// from one generator, as the harness's scripted `genid` list does.
    pub(super) fn serve(
        &mut self,
        request: &Rc<Request>,
        events: &mut Vec<Event>,
    ) -> (u8, Response) {
        let (instance, why, req) = self.route_in(request, events);
        let mut task = Task::new(req);
        let mut response = loop {
            match self.step_on(instance, &mut task, events) {
                Poll::Done(r) => break r,
                Poll::Wait(w) => self.now = self.now.saturating_add(self.wait_ms(&w)),
            }
        };
        pin(why, instance, &mut response);
        (instance, response)
    }

    /// How long a wait lasts: the store's latency for its call, or the timer's delay.
    pub(super) fn wait_ms(&self, w: &Wait) -> Millis {
        match w {
            Wait::Store(op) => self.config.deploy.latency.of(*op),
            Wait::Timer(ms) => (*ms).max(0),
        }
    }

    /// The proxy and the balancer: the instance that gets `request`, why, and the request as
    /// it arrives there.
    pub(super) fn route_in(
        &mut self,
        request: &Rc<Request>,
        events: &mut Vec<Event>,
    ) -> (u8, RouteWhy, Rc<Request>) {
        let deploy = self.config.deploy;
        let req = if deploy.tls_proxy {
            events.push(Event::ProxyForwarded {
                tls: request.encrypted,
            });
            Rc::new(forward(request))
        } else {
            Rc::clone(request)
        };
        let (instance, why) = self.balancer.route(&deploy, &req);
        if deploy.balanced() {
            events.push(Event::Balanced { instance, why });
        }
        (instance, why, req)
    }

    /// Runs `task` on instance `instance` at the lab's time, up to its next wait.
    pub(super) fn step_on(
        &mut self,
        instance: u8,
        task: &mut Task,
        events: &mut Vec<Event>,
    ) -> Poll {
        let now = self.now;
        match (instance, self.twin.as_mut()) {
            (2, Some(twin)) => {
                std::mem::swap(&mut twin.ids, &mut self.server.ids);
                let r = twin.step(task, now, events);
                std::mem::swap(&mut twin.ids, &mut self.server.ids);
                r
            }
            _ => self.server.step(task, now, events),
        }
    }

    /// The instance the balancer would send the next request to, if it carried this `Cookie`
    /// header (a sticky balancer reads its own cookie in it). The balancer is not moved.
    pub fn next_instance(&self, cookie: Option<&str>) -> u8 {
        let mut b = self.balancer;
        let req = Request {
            method: "GET".into(),
            target: "/".into(),
            headers: cookie
                .map(|c| vec![("Cookie".to_string(), c.to_string())])
                .unwrap_or_default(),
            encrypted: false,
        };
        b.route(&self.config.deploy, &req).0
    }

    /// The name of the instance that answered, for a lab with two (`app1`, `app2`).
    pub fn instance_label(&self, instance: u8) -> Option<&'static str> {
        self.config
            .deploy
            .balanced()
            .then(|| instance_name(instance))
    }
}

/// A sticky balancer's cookie on the response to a browser it has just pinned.
pub(super) fn pin(why: RouteWhy, instance: u8, response: &mut Response) {
    if why == RouteWhy::Pinned {
        let header = sticky_set_cookie(instance);
        response.headers.push(("Set-Cookie".to_string(), header));
    }
}
