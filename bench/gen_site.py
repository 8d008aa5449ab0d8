#!/usr/bin/env python3
"""Generate a synthetic okrsite site for benchmarks.

    python bench/gen_site.py OUT_DIR --entities N [--seed S]

writes OUT_DIR/okrsite.yaml and OUT_DIR/content/ with about N top-level entities (files):
objectives ~8%, milestones ~50%, standalone task files ~30%, teams ~2% (at least 2) and free
pages for the rest. The site spans eight quarters (2026-Q1 .. 2027-Q4) on a 14-day sprint
cadence and is valid by construction: `okrsite check --strict` reports no error and no
warning. The same N and seed always give byte-identical files.

Standard library only (the YAML is written by hand), so it runs before okrsite is installed.
See bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import time

SPRINT_START = dt.date(2026, 1, 5)
SPRINT_DAYS = 14
FIRST_YEAR = 2026
N_QUARTERS = 8  # 2026-Q1 .. 2027-Q4, fiscal year = calendar year
TODAY = dt.date(2026, 5, 12)
NBSP = "\u00a0"
STAMP = ".okrsite-bench"  # marks an OUT_DIR this script may clean and rewrite

MS_TYPES = ["epic", "spike", "enabler", "signal-test"]
ESTIMATES = [1, 2, 3, 5, 8]

FIRST_NAMES = ["Ada", "Ben", "Carol", "Dana", "Eve", "Farid", "Gina", "Hiro", "Ines", "Jonah",
               "Kwame", "Lars", "Mei", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sofia",
               "Tomas", "Uma", "Victor", "Wen", "Yusuf", "Zoe"]
LAST_NAMES = ["Becker", "Carter", "Chen", "Diaz", "Haddad", "Lindqvist", "Mensah", "Moreau",
              "Okafor", "Petrova", "Raman", "Rossi", "Ruiz", "Siddiqui", "Tanaka", "Weiss"]
TEAM_WORDS = ["Matchmaking", "Growth", "Platform", "Store", "Insights", "Payments", "Social",
              "Clients", "Live Ops", "Anti-cheat", "Data", "Audio", "Tournaments", "Onboarding"]
OBJ_VERBS = ["Build", "Grow", "Improve", "Drive", "Strengthen", "Simplify", "Scale", "Protect"]
OBJ_NOUNS = ["trust in matchmaking", "weekly retention", "social sharing", "store revenue",
             "server reliability", "new player onboarding", "tournament participation",
             "creator engagement", "payment conversion", "community health", "match quality",
             "mobile performance"]
OBJ_TAILS = ["in ranked play", "for new players", "across regions", "in the store",
             "on mobile", "for returning players", "during events", "for parties"]
KR_METRICS = [("weekly post-match ratings", "ratings/week", False),
              ("monthly paying customers", "customers/month", False),
              ("day-7 retention", "%", False),
              ("invites sent per week", "invites/week", False),
              ("p95 matchmaking latency", "ms", True),
              ("match disconnect rate", "%", True),
              ("30-day churn", "%", True),
              ("unfair-match reports per week", "reports/week", True),
              ("tournament sign-ups per month", "sign-ups/month", False),
              ("checkout conversion", "%", False)]
KR_DELIVERIES = ["Ship the feedback loop", "Launch the new season on time",
                 "Open two new regions", "Retire the legacy allocator",
                 "Publish the creator programme", "Ship one-tap checkout"]
MS_VERBS = ["Build", "Ship", "Explore", "Test", "Set up", "Migrate", "Redesign", "Measure",
            "Automate", "Prototype", "Harden", "Launch"]
MS_ADJS = ["regional", "ranked", "post-match", "social", "in-game", "mobile", "seasonal",
           "real-time", "referral", "store", "party", "offline"]
MS_NOUNS = ["feedback form", "leaderboard cache", "invite rewards", "match history API",
            "rating prompt", "share cards", "checkout flow", "skill model", "report inbox",
            "queue service", "loyalty tiers", "replay viewer", "event calendar", "RFM segments"]
TASK_VERBS = ["Design", "Implement", "Review", "Document", "Load test", "Instrument",
              "Roll out", "Clean up", "Analyse", "Prototype"]
TASK_NOUNS = ["the form", "the endpoint", "the cache", "the dashboard", "the email template",
              "the experiment flag", "the migration", "the landing page", "the metrics",
              "the API contract"]
WORDS = ("player match ranked season queue server region store offer reward invite friend "
         "rating report latency cache history team sprint quarter milestone result signal "
         "experiment cohort funnel checkout retention churn event tournament creator party "
         "skill ladder feedback trust growth platform data insight launch review").split()
CLUSTERS = ["feedback-loop", "fair-play", "sharing", "rewards", "best-customers", "checkout",
            "latency", "onboarding"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def sprint_dates(n: int) -> tuple[dt.date, dt.date]:
    start = SPRINT_START + dt.timedelta(days=SPRINT_DAYS * (n - 1))
    return start, start + dt.timedelta(days=SPRINT_DAYS - 1)


def quarters() -> list[dict]:
    """Each quarter with its bounds and the sprints that lie wholly inside it."""
    out = []
    n = 1
    for i in range(N_QUARTERS):
        year, qn = FIRST_YEAR + i // 4, i % 4 + 1
        start = dt.date(year, 3 * (qn - 1) + 1, 1)
        end = (dt.date(year + (qn == 4), (3 * qn) % 12 + 1, 1) - dt.timedelta(days=1))
        inner = []
        while True:
            s, e = sprint_dates(n)
            if s > end:
                break
            if s >= start and e <= end:
                inner.append(n)
            if e <= end:
                n += 1
            else:
                break  # straddles into the next quarter: not inner here, re-examined there
        out.append({"name": f"{year}-Q{qn}", "slug": f"{year}-q{qn}", "start": start,
                    "end": end, "sprints": inner})
    return out


class Gen:
    def __init__(self, n: int, seed: int):
        self.rng = random.Random(seed)
        self.n = n
        n_teams = max(2, round(n * 0.02))
        n_obj = max(1, round(n * 0.08))
        n_ms = max(n_obj, round(n * 0.50))
        n_tasks = round(n * 0.30)
        n_pages = n - n_teams - n_obj - n_ms - n_tasks
        if n_pages < 0:
            n_tasks = max(0, n_tasks + n_pages)
            n_pages = 0
        self.counts = {"teams": n_teams, "objectives": n_obj, "milestones": n_ms,
                       "tasks": n_tasks, "pages": n_pages}
        self.quarters = quarters()
        r = self.rng
        # a pool of sentences, so bodies are cheap to assemble for 50k entities
        self.sentences = []
        for _ in range(400):
            words = [r.choice(WORDS) for _ in range(r.randint(7, 16))]
            words[0] = words[0].capitalize()
            self.sentences.append(" ".join(words) + ".")

    # ---------------------------------------------------------------- helpers
    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def paragraph(self, links: list[str]) -> str:
        r = self.rng
        sents = [r.choice(self.sentences) for _ in range(r.randint(2, 5))]
        for link in links:
            i = r.randrange(len(sents))
            # a link is never wrapped: its spaces are protected until the lines are made
            sents[i] = sents[i][:-1] + f", see {link.replace(' ', NBSP)}."
        text = " ".join(sents)
        # wrap at ~96 columns like a human would in a pull request
        lines, cur = [], ""
        for w in text.split(" "):
            if cur and len(cur) + 1 + len(w) > 96:
                lines.append(cur)
                cur = w
            else:
                cur = f"{cur} {w}" if cur else w
        lines.append(cur)
        return "\n".join(lines).replace(NBSP, " ")

    def wiki(self, target: str, title: str | None = None) -> str:
        if title is not None and self.rng.random() < 0.3:
            return f"[[{target}|{title.lower()}]]"
        return f"[[{target}]]"

    def body(self, link_targets: list[str], extra: list[str] = (), bullets: bool = False) -> str:
        r = self.rng
        n_par = r.randint(2, 4)
        links = [self.wiki(t, self.titles.get(t)) for t in link_targets] + list(extra)
        per = [[] for _ in range(n_par)]
        for lk in links:
            per[r.randrange(n_par)].append(lk)
        pars = [self.paragraph(p) for p in per]
        if bullets and r.random() < 0.4:
            pars.insert(1, "\n".join(f"- {r.choice(self.sentences)}" for _ in range(r.randint(2, 4))))
        return "\n\n".join(pars) + "\n"

    # ------------------------------------------------------------------- model
    def plan(self) -> None:
        r = self.rng
        c = self.counts
        # teams
        self.teams = []
        for i in range(c["teams"]):
            tid = f"team-{i + 1:02d}"
            members = sorted({self.person() for _ in range(r.randint(4, 8))})
            self.teams.append({"id": tid, "name": f"{TEAM_WORDS[i % len(TEAM_WORDS)]} {i + 1}",
                               "lead": members[0], "members": members})
        # objectives, round-robin over the quarters
        self.objectives = []
        for i in range(c["objectives"]):
            qi = i % N_QUARTERS
            quarter = self.quarters[qi]
            oid = f"obj-{i + 1:04d}"
            krs = []
            for k in range(r.randint(2, 4)):
                kr = {"id": f"kr{k + 1}"}
                if r.random() < 0.8:
                    metric, unit, lower = r.choice(KR_METRICS)
                    base = r.choice([8, 12, 22, 40, 420, 900, 1200, 3000, 21000])
                    if lower:
                        start, target = base, round(base * r.uniform(0.4, 0.8))
                    else:
                        start, target = base, round(base * r.uniform(1.2, 2.5))
                    if target == start:
                        target = start + (-1 if lower else 1)
                    kr.update(title=f"{'Lower' if lower else 'Raise'} {metric} from {start} to {target}",
                              metric=metric, unit=unit, start=start, target=target,
                              confidence=round(r.uniform(0.3, 0.9), 2))
                    checkins = []
                    last = min(quarter["end"], TODAY)
                    if quarter["start"] <= last:
                        days = (last - quarter["start"]).days
                        for d in sorted(r.sample(range(days + 1), min(r.randint(0, 3), days + 1))):
                            val = start + (target - start) * r.uniform(0.0, 1.1)
                            checkins.append((quarter["start"] + dt.timedelta(days=d),
                                             round(val, 1), round(r.uniform(0.3, 0.9), 2)))
                    kr["checkins"] = checkins
                    if checkins and r.random() < 0.2:
                        kr["current"] = checkins[-1][1]
                else:
                    kr["title"] = r.choice(KR_DELIVERIES)
                krs.append(kr)
            hyps = []
            for h in range(r.randint(1, 2)):
                sel = sorted(r.sample(range(len(krs)), r.randint(1, min(2, len(krs)))))
                hyps.append({"id": f"h{h + 1}",
                             "statement": f"If we {r.choice(MS_VERBS).lower()} the "
                                          f"{r.choice(MS_ADJS)} {r.choice(MS_NOUNS)}, "
                                          f"{r.choice(WORDS)} {r.choice(WORDS)} will improve",
                             "key_results": [krs[s]["id"] for s in sel],
                             "status": r.choice(["untested", "untested", "validated", "invalidated"])})
            if quarter["end"] < TODAY:
                status = r.choice(["done", "done", "done", "off-track"])
            elif quarter["start"] <= TODAY:
                status = r.choice(["on-track", "on-track", "at-risk", "off-track"])
            else:
                status = None
            self.objectives.append({
                "id": oid, "qi": qi, "team": r.choice(self.teams)["id"], "owner": self.person(),
                "title": f"{r.choice(OBJ_VERBS)} {r.choice(OBJ_NOUNS)} {r.choice(OBJ_TAILS)}",
                "status": status, "krs": krs, "hyps": hyps, "ms": []})
        objs_by_q = [[o for o in self.objectives if o["qi"] == qi] for qi in range(N_QUARTERS)]

        # milestones: the first n_obj belong one each to an objective, the rest at random
        self.milestones = []
        for i in range(c["milestones"]):
            obj = self.objectives[i] if i < len(self.objectives) else r.choice(self.objectives)
            ms = {"id": f"ms-{i + 1:05d}", "obj": obj, "qi": obj["qi"], "krs": [],
                  "primary": False}
            obj["ms"].append(ms)
            self.milestones.append(ms)
        # every KR served: KR j of an objective goes to milestone j (mod count) of it
        for obj in self.objectives:
            for j, kr in enumerate(obj["krs"]):
                ms = obj["ms"][j % len(obj["ms"])]
                ms["krs"].append(f"{obj['id']}/{kr['id']}")
                ms["primary"] = True
            for ms in obj["ms"]:
                if not ms["krs"]:
                    ms["krs"].append(f"{obj['id']}/{r.choice(obj['krs'])['id']}")
        # schedule, type, status, dependencies, tasks
        done_by_q: list[list[dict]] = [[] for _ in range(N_QUARTERS)]
        for ms in self.milestones:
            obj, quarter = ms["obj"], self.quarters[ms["qi"]]
            # sometimes also serve a KR of another objective of the same quarter
            peers = objs_by_q[ms["qi"]]
            if len(peers) > 1 and r.random() < 0.15:
                other = r.choice(peers)
                ref = f"{other['id']}/{r.choice(other['krs'])['id']}"
                if ref not in ms["krs"]:
                    ms["krs"].append(ref)
            ms["type"] = r.choice(MS_TYPES)
            ms["title"] = f"{r.choice(MS_VERBS)} {r.choice(MS_ADJS)} {r.choice(MS_NOUNS)}"
            ms["team"] = obj["team"] if r.random() < 0.8 else r.choice(self.teams)["id"]
            ms["owner"] = self.person()
            hyps = [h for h in obj["hyps"] if set(h["key_results"]) & {k.split("/")[1] for k in ms["krs"] if k.startswith(obj["id"] + "/")}]
            ms["hypothesis"] = f"{obj['id']}/{r.choice(hyps)['id']}" if hyps and r.random() < 0.6 else None
            if r.random() < 0.3:
                ms["votes"] = r.randint(0, 9)
                ms["cluster"] = r.choice(CLUSTERS)
            inner = quarter["sprints"]
            roll = r.random()
            ms["sprints"] = ms["dates"] = ms["span"] = None
            if roll < 0.10:
                pass  # unscheduled: listed, not drawn
            else:
                length = min(r.choice([1, 2, 2, 2, 3, 3]), len(inner))
                a = r.randrange(len(inner) - length + 1)
                first, last = inner[a], inner[a + length - 1]
                ms["sprint_range"] = (first, last)
                if roll < 0.20:
                    start = sprint_dates(first)[0] - dt.timedelta(days=r.randint(0, 3))
                    due = sprint_dates(last)[1] + dt.timedelta(days=r.randint(0, 3))
                    ms["dates"] = (start, due)
                    ms["span"] = (start, due)
                else:
                    ms["sprints"] = (first, last)
                    ms["span"] = (sprint_dates(first)[0], sprint_dates(last)[1])
            # depends_on: only earlier milestones whose span ends before this one starts
            ms["depends_on"] = []
            if ms["span"] and r.random() < 0.3:
                pool = done_by_q[ms["qi"]] + (done_by_q[ms["qi"] - 1] if ms["qi"] else [])
                for _ in range(min(4, len(pool))):
                    cand = r.choice(pool)
                    if cand["span"][1] < ms["span"][0] and cand["id"] not in ms["depends_on"]:
                        ms["depends_on"].append(cand["id"])
                        if len(ms["depends_on"]) >= 2 or r.random() < 0.6:
                            break
            if ms["span"]:
                done_by_q[ms["qi"]].append(ms)
            # status from the span and TODAY
            span = ms["span"]
            if span is None:
                ms["status"] = r.choice(["planned", "planned", "planned", "dropped"]) if not ms["primary"] else "planned"
            elif span[1] < TODAY:
                ms["status"] = r.choice(["done"] * 8 + ["at-risk"] + (["dropped"] if not ms["primary"] else ["done"]))
            elif span[0] <= TODAY:
                ms["status"] = r.choice(["in-progress", "in-progress", "in-progress", "at-risk", "blocked"])
            else:
                ms["status"] = r.choice(["planned"] * 6 + ["at-risk"])
            # nested tasks (explicit local ids t1.., sprints inside the milestone's sprints)
            tasks = []
            for t in range(r.randint(0, 5)):
                task = {"id": f"t{t + 1}",
                        "title": f"{r.choice(TASK_VERBS)} {r.choice(TASK_NOUNS)}",
                        "status": self.task_status(ms["status"]),
                        "assignee": self.person(), "estimate": r.choice(ESTIMATES)}
                if span:
                    task["sprint"] = r.randint(*ms["sprint_range"])
                tasks.append(task)
            ms["tasks"] = tasks

        # standalone task files
        self.task_files = []
        for i in range(c["tasks"]):
            ms = r.choice(self.milestones)
            task = {"id": f"task-{i + 1:05d}", "milestone": ms,
                    "title": f"{r.choice(TASK_VERBS)} {r.choice(TASK_NOUNS)}",
                    "status": self.task_status(ms["status"]), "assignee": self.person(),
                    "estimate": r.choice(ESTIMATES)}
            if ms["span"]:
                task["sprint"] = r.randint(*ms["sprint_range"])
            self.task_files.append(task)

        self.pages = [{"id": f"page-{i + 1:04d}", "weight": i + 1,
                       "title": f"{r.choice(['Notes on', 'How we', 'About', 'Guide to'])} "
                                f"{r.choice(MS_NOUNS)} {i + 1}"} for i in range(c["pages"])]

    def task_status(self, ms_status: str) -> str:
        if ms_status == "done":
            return "done"
        if ms_status == "planned":
            return "todo"
        return self.rng.choice(["todo", "doing", "done"])

    # ------------------------------------------------------------------ output
    def obj_path(self, obj: dict) -> str:
        return f"objectives/{self.quarters[obj['qi']]['slug']}/{obj['id']}.md"

    def ms_path(self, ms: dict) -> str:
        return f"milestones/{self.quarters[ms['qi']]['slug']}/{ms['id']}.md"

    def random_targets(self, k: int) -> list[str]:
        r = self.rng
        out = []
        for _ in range(k):
            if r.random() < 0.3:
                out.append(r.choice(self.objectives)["id"])
            else:
                out.append(r.choice(self.milestones)["id"])
        return out

    def write(self, out: str) -> int:
        r = self.rng
        self.titles = {o["id"]: o["title"] for o in self.objectives}
        self.titles.update((m["id"], m["title"]) for m in self.milestones)
        content = os.path.join(out, "content")
        files = 0

        def put(rel: str, text: str) -> None:
            nonlocal files
            path = os.path.join(content, rel)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            files += 1

        for kind in ("objectives", "milestones", "tasks"):
            for quarter in self.quarters:
                os.makedirs(os.path.join(content, kind, quarter["slug"]), exist_ok=True)
        for kind in ("teams", "pages"):
            os.makedirs(os.path.join(content, kind), exist_ok=True)

        with open(os.path.join(out, "okrsite.yaml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(
                f"# Synthetic benchmark site: bench/gen_site.py --entities {self.n} "
                f"--seed {self.seed}\n"
                f"title: {q(f'Benchmark roadmap ({self.n} entities)')}\n"
                "description: A generated site for okrsite's benchmarks\n"
                "base_url: https://example.org/bench/\n"
                "language: en\n"
                f"today: {TODAY.isoformat()}\n"
                "theme: default\n"
                "calendar:\n"
                "  fiscal_year_start: 1\n"
                "  sprints:\n"
                f"    start: {SPRINT_START.isoformat()}\n"
                f"    length_days: {SPRINT_DAYS}\n"
                "teams_required: true\n"
                "markers:\n"
                '  - {date: 2026-05-20, label: "Season 4 launch"}\n'
                '  - {date: 2027-03-01, label: "Platform v2"}\n'
                "edit_url: https://example.org/bench/edit/{path}\n")
        files += 1
        put("README.md", "# Generated content\n\nWritten by `bench/gen_site.py`; do not edit.\n")

        for t in self.teams:
            members = "".join(f"  - {q(m)}\n" for m in t["members"])
            put(f"teams/{t['id']}.yaml",
                f"name: {q(t['name'])}\n"
                f"description: {q('A generated team for benchmarks.')}\n"
                f"lead: {q(t['lead'])}\nmembers:\n{members}")

        for obj in self.objectives:
            lines = ["---", f"title: {q(obj['title'])}",
                     f"quarter: {self.quarters[obj['qi']]['name']}",
                     f"team: {obj['team']}", f"owner: {q(obj['owner'])}"]
            if obj["status"]:
                lines.append(f"status: {obj['status']}")
            lines.append("key_results:")
            for kr in obj["krs"]:
                lines.append(f"  - id: {kr['id']}")
                lines.append(f"    title: {q(kr['title'])}")
                if "start" in kr:
                    lines.append(f"    metric: {q(kr['metric'])}")
                    lines.append(f"    start: {kr['start']}")
                    lines.append(f"    target: {kr['target']}")
                    if "current" in kr:
                        lines.append(f"    current: {kr['current']}")
                    lines.append(f"    unit: {q(kr['unit'])}")
                    lines.append(f"    confidence: {kr['confidence']}")
                    if kr["checkins"]:
                        lines.append("    checkins:")
                        for d, v, conf in kr["checkins"]:
                            lines.append(f"      - {{date: {d.isoformat()}, value: {v}, "
                                         f"confidence: {conf}, note: {q(r.choice(self.sentences))}}}")
            lines.append("hypotheses:")
            for h in obj["hyps"]:
                lines.append(f"  - id: {h['id']}")
                lines.append(f"    statement: {q(h['statement'])}")
                lines.append(f"    key_results: [{', '.join(h['key_results'])}]")
                lines.append(f"    status: {h['status']}")
            lines.append("---")
            targets = [m["id"] for m in obj["ms"][:3]] + self.random_targets(1)
            put(self.obj_path(obj), "\n".join(lines) + "\n" + self.body(targets, bullets=True))

        for ms in self.milestones:
            lines = ["---", f"title: {q(ms['title'])}", f"type: {ms['type']}",
                     f"key_results: [{', '.join(ms['krs'])}]"]
            if ms["hypothesis"]:
                lines.append(f"hypothesis: {ms['hypothesis']}")
            lines += [f"team: {ms['team']}", f"owner: {q(ms['owner'])}"]
            if ms["sprints"]:
                a, b = ms["sprints"]
                lines.append(f"sprints: [s{a}]" if a == b else f"sprints: [s{a}, s{b}]")
            elif ms["dates"]:
                lines.append(f"start: {ms['dates'][0].isoformat()}")
                lines.append(f"due: {ms['dates'][1].isoformat()}")
            lines.append(f"status: {ms['status']}")
            if ms["depends_on"]:
                lines.append(f"depends_on: [{', '.join(ms['depends_on'])}]")
            if "votes" in ms:
                lines.append(f"votes: {ms['votes']}")
                lines.append(f"cluster: {ms['cluster']}")
            if ms["tasks"]:
                lines.append("tasks:")
                for t in ms["tasks"]:
                    lines.append(f"  - title: {q(t['title'])}")
                    lines.append(f"    id: {t['id']}")
                    lines.append(f"    status: {t['status']}")
                    lines.append(f"    assignee: {q(t['assignee'])}")
                    if "sprint" in t:
                        lines.append(f"    sprint: s{t['sprint']}")
                    lines.append(f"    estimate: {t['estimate']}")
            lines.append("---")
            obj = ms["obj"]
            rel_link = f"[the objective]({os.path.relpath(self.obj_path(obj), os.path.dirname(self.ms_path(ms)))})"
            targets = ms["depends_on"][:1] + self.random_targets(r.randint(0, 2))
            put(self.ms_path(ms),
                "\n".join(lines) + "\n" + self.body(targets, extra=[rel_link], bullets=True))

        for t in self.task_files:
            ms = t["milestone"]
            lines = ["---", f"id: {t['id']}", f"title: {q(t['title'])}",
                     f"milestone: {ms['id']}", f"status: {t['status']}",
                     f"assignee: {q(t['assignee'])}"]
            if "sprint" in t:
                lines.append(f"sprint: s{t['sprint']}")
            lines.append(f"estimate: {t['estimate']}")
            lines.append("---")
            put(f"tasks/{self.quarters[ms['qi']]['slug']}/{t['id']}.md",
                "\n".join(lines) + "\n" + self.paragraph([f"[[{ms['id']}]]"]) + "\n")

        for p in self.pages:
            obj = r.choice(self.objectives)
            rel_link = f"[an objective](../{self.obj_path(obj)})"
            put(f"pages/{p['id']}.md",
                f"---\ntitle: {q(p['title'])}\ndescription: {q(r.choice(self.sentences))}\n"
                f"weight: {p['weight']}\n---\n# {p['title']}\n\n"
                + self.body(self.random_targets(r.randint(1, 4)), extra=[rel_link], bullets=True))
        return files


def prepare(out: str) -> None:
    """Create OUT_DIR, or clean one this script wrote before; never clobber anything else."""
    stamp = os.path.join(out, STAMP)
    if os.path.isdir(out) and os.listdir(out):
        if not os.path.exists(stamp):
            sys.exit(f"gen_site: {out} exists and was not written by gen_site.py; "
                     "choose an empty or new folder")
        for name in ("content", "public"):
            shutil.rmtree(os.path.join(out, name), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    with open(stamp, "w", encoding="utf-8") as fh:
        fh.write("written by bench/gen_site.py; the folder may be overwritten\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the site into")
    ap.add_argument("--entities", "-n", type=int, default=1000,
                    help="about how many entities (files) to write (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    args = ap.parse_args(argv)
    if args.entities < 1:
        ap.error("--entities must be at least 1")
    t0 = time.perf_counter()
    prepare(args.out_dir)
    gen = Gen(args.entities, args.seed)
    gen.seed = args.seed
    gen.plan()
    files = gen.write(args.out_dir)
    if not args.quiet:
        c = gen.counts
        print(f"gen_site: {files} files in {args.out_dir} ({c['objectives']} objectives, "
              f"{c['milestones']} milestones, {c['tasks']} task files, {c['teams']} teams, "
              f"{c['pages']} pages) in {time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
