#!/usr/bin/env python3
"""Generate a site with the shape of a real company roadmap, for tests and measurements.

    python bench/gen_real_site.py OUT_DIR [--seed S] [--quiet]

`gen_site.py` makes sites of any size with an even, synthetic shape (for timing). This one
makes one size with the shape of a real public roadmap: about 780 enhancement proposals of a
large open-source project as 330 objectives, 1,400 milestones and 22 teams over eleven years,
on an explicit, irregular calendar of about 295 sprints and 37 releases. Long KEP-style titles,
150 bars in the busiest quarter, dependencies from one release to the next, a current quarter
with 280 unscheduled milestones, Markdown tables (with `[[id|text]]` in their cells), long
URLs and code lines in bodies, and "mentioned in" lists of hundreds of entries whose titles
hold version numbers (v1.7 and v1.37). `okrsite check --strict` reports nothing.
The same seed always gives byte-identical files. Standard library only. See bench/README.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_site import prepare  # noqa: E402 - the same OUT_DIR safety rules

TODAY = dt.date(2026, 5, 12)
CALENDAR_START = dt.date(2016, 1, 4)
CALENDAR_END_YEAR = 2026
# (minor version, release date): the project's release train, four cycles a year, then three.
RELEASES = [
    (2, "2016-03-16"), (3, "2016-07-01"), (4, "2016-09-26"), (5, "2016-12-12"),
    (6, "2017-03-28"), (7, "2017-06-29"), (8, "2017-09-28"), (9, "2017-12-15"),
    (10, "2018-03-26"), (11, "2018-06-27"), (12, "2018-09-27"), (13, "2018-12-03"),
    (14, "2019-03-25"), (15, "2019-06-19"), (16, "2019-09-18"), (17, "2019-12-09"),
    (18, "2020-03-25"), (19, "2020-08-26"), (20, "2020-12-08"), (21, "2021-04-08"),
    (22, "2021-08-04"), (23, "2021-12-07"), (24, "2022-05-03"), (25, "2022-08-23"),
    (26, "2022-12-08"), (27, "2023-04-11"), (28, "2023-08-15"), (29, "2023-12-13"),
    (30, "2024-04-17"), (31, "2024-08-13"), (32, "2024-12-11"), (33, "2025-04-23"),
    (34, "2025-08-27"), (35, "2025-12-17"), (36, "2026-04-22"), (37, "2026-08-19"),
    (38, "2026-12-16"),
]
# 22 teams; the weight is each team's share of the proposals (one team owns about a quarter).
TEAMS = [
    ("sig-api-machinery", "SIG API Machinery", 14, ["apiserver", "admission", "CRDs", "watch cache"]),
    ("sig-apps", "SIG Apps", 8, ["StatefulSets", "Jobs", "DaemonSets", "Deployments"]),
    ("sig-architecture", "SIG Architecture", 1, ["conformance", "API reviews", "production readiness"]),
    ("sig-auth", "SIG Auth", 8, ["service account tokens", "RBAC", "structured authentication"]),
    ("sig-autoscaling", "SIG Autoscaling", 3, ["HorizontalPodAutoscaler", "cluster autoscaler"]),
    ("sig-cli", "SIG CLI", 5, ["kubectl", "kustomize", "kubectl debug"]),
    ("sig-cloud-provider", "SIG Cloud Provider", 1, ["cloud controller manager", "credential providers"]),
    ("sig-cluster-lifecycle", "SIG Cluster Lifecycle", 4, ["kubeadm", "Cluster API", "etcdadm"]),
    ("sig-contributor-experience", "SIG Contributor Experience", 1, ["Prow", "triage"]),
    ("sig-docs", "SIG Docs", 1, ["reference docs", "localisation"]),
    ("sig-instrumentation", "SIG Instrumentation", 5, ["metrics", "structured logging", "tracing"]),
    ("sig-multicluster", "SIG Multicluster", 1, ["ClusterSet", "multi-cluster services"]),
    ("sig-network", "SIG Network", 16, ["Services", "Gateway API", "kube-proxy", "EndpointSlices"]),
    ("sig-node", "SIG Node", 40, ["kubelet", "container runtime interface", "pod lifecycle",
                                  "cgroups v2", "device plugins"]),
    ("sig-release", "SIG Release", 1, ["release tooling", "artifact signing"]),
    ("sig-scalability", "SIG Scalability", 1, ["watch list", "API priority and fairness"]),
    ("sig-scheduling", "SIG Scheduling", 8, ["kube-scheduler", "scheduling gates", "preemption"]),
    ("sig-security", "SIG Security", 1, ["audit", "supply chain"]),
    ("sig-storage", "SIG Storage", 14, ["CSI", "volume snapshots", "PersistentVolumes"]),
    ("sig-testing", "SIG Testing", 1, ["e2e framework", "kind"]),
    ("sig-ui", "SIG UI", 1, ["dashboard"]),
    ("sig-windows", "SIG Windows", 3, ["Windows nodes", "HostProcess containers"]),
]
NO_BACKLOG = "sig-contributor-experience"  # every other team keeps a backlog objective

FIRST_NAMES = ["Aldo", "Antonio", "Bridget", "Clayton", "Dawn", "Derek", "Elana", "Fabrizio",
               "Gaurav", "Han", "Ilya", "Jordan", "Kensei", "Lubomir", "Marek", "Mrunal",
               "Nabarun", "Paco", "Priyanka", "Qiming", "Rita", "Sergey", "Tim", "Vallery",
               "Wojciech", "Xing", "Yuki", "Zhou"]
LAST_NAMES = ["Abe", "Bannister", "Chen", "Dawson", "Epping", "Fernandez", "Grant", "Hockin",
              "Jackson", "Kumar", "Lavacca", "Mahmood", "Nalley", "Otto", "Patel", "Quinlan",
              "Rodriguez", "Sato", "Tsai", "Vasquez", "Wong", "Yang", "Zhang"]
OPENERS = ["Support for", "Graduate", "Add", "Introduce", "Allow", "Extend", "Deprecate and remove",
           "Promote", "Harden", "Make", "Enable"]
THINGS = ["in-place update of pod resources", "sidecar containers", "user namespaces",
          "dynamic resource allocation with structured parameters", "pod scheduling readiness",
          "recursive read-only mounts", "node memory swap", "graceful node shutdown",
          "split stdout and stderr log streams", "fine-grained supplemental groups control",
          "traffic distribution for Services", "multiple service CIDRs", "topology aware routing",
          "bound service account token improvements", "structured authorization configuration",
          "CEL expressions for admission control", "consistent reads from cache",
          "streaming list responses", "volume group snapshots", "changed block tracking",
          "retroactive default StorageClass assignment", "job success and failure policies",
          "StatefulSet start ordinal", "pod disruption conditions", "minDomains in topology spread",
          "match label keys in pod affinity", "QueueingHint for scheduler plugins",
          "kubectl interactive delete", "kuberc user preferences", "Windows host networking",
          "image pull credentials verification", "ordered namespace deletion",
          "coordinated leader election", "API server tracing", "contextual logging",
          "metrics cardinality enforcement", "component health SLIs", "signed release artifacts",
          "node log query", "PodReadyToStartContainers condition", "kubelet resource metrics endpoint",
          "device health status in pod status", "CPU manager static policy options",
          "memory QoS with cgroups v2", "ephemeral storage capacity isolation",
          "CSI migration for in-tree plugins", "ReadWriteOncePod access mode",
          "mutating admission policies", "field selectors for custom resources",
          "declarative validation of native types", "kube-proxy nftables mode",
          "load balancer IP mode", "Gateway API conformance profiles", "ClusterSet identity"]
TAILS = ["in the kubelet", "in kube-apiserver", "for the scheduler", "in kubectl",
         "for Windows nodes", "for custom resources", "in the container runtime interface",
         "for StatefulSets", "across the control plane", "for CSI drivers", "in kube-proxy",
         "for Jobs", "with cgroups v2", "for the cloud controller manager"]
GATE_WORDS = ["InPlace", "Pod", "Vertical", "Scaling", "Allocated", "Status", "Sidecar",
              "Containers", "Dynamic", "Resource", "Allocation", "Structured", "Parameters",
              "Recursive", "ReadOnly", "Mounts", "Supplemental", "Groups", "Policy", "Traffic",
              "Distribution", "Consistent", "List", "From", "Cache", "Node", "Swap", "Graceful"]
WORDS = ("cluster node pod container kubelet scheduler apiserver controller volume driver "
         "network service endpoint feature gate alpha beta stable graduation release cycle "
         "review production readiness upgrade downgrade rollback metric event condition "
         "operator workload quota admission webhook policy conformance test signal user").split()
CLUSTERS = ["area/kubelet", "area/apiserver", "area/scheduler", "area/networking",
            "area/storage", "area/security", "area/observability", "area/usability",
            "area/windows", "area/release-eng"]
HYPOTHESES = [
    "If we graduate features only after two releases of beta, fewer regressions reach users",
    "If operators can change {x} without restarts, fewer workloads are over-provisioned",
    "If {x} is configurable declaratively, fewer clusters run custom patches",
    "If we remove the in-tree code paths, maintenance time drops by a third",
    "If {x} reports clear conditions, support tickets about stuck workloads halve",
    "If we test {x} on every pull request, release blockers are found two weeks earlier",
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def quarter_of(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_start(quarter: str) -> dt.date:
    year, number = int(quarter[:4]), int(quarter[-1])
    return dt.date(year, 3 * (number - 1) + 1, 1)


def version(minor: int) -> str:
    return f"v1.{minor}"


def vid(minor: int) -> str:
    return f"v1-{minor}"


class Gen:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)

    # ------------------------------------------------------------------ calendar
    def calendar(self) -> None:
        """An explicit, irregular calendar: mostly two-week sprints, some of one, one and a half
        or three weeks, a year-end break, now and then a week without a sprint."""
        r = self.rng
        self.sprints = []
        for year in range(CALENDAR_START.year, CALENDAR_END_YEAR + 1):
            start = dt.date(year, 1, 4)
            start += dt.timedelta(days=(7 - start.weekday()) % 7)  # first Monday from Jan 4
            number = 1
            while True:
                length = r.choice([14] * 7 + [7, 7, 7, 10, 11, 21])
                end = start + dt.timedelta(days=length - 1)
                if end > dt.date(year, 12, 22):
                    break
                self.sprints.append({"id": f"{year}-s{number:02d}", "name": f"{year} S{number:02d}",
                                     "start": start, "end": end})
                number += 1
                start = end + dt.timedelta(days=1 + (7 if r.random() < 0.03 else 0))

    # ------------------------------------------------------------------ releases
    def releases(self) -> None:
        """Each release's cycle (the day after the previous release up to its own), the sprints
        wholly inside it, and its objectives' quarter: the quarter its last sprint ends in."""
        self.rel = []
        previous = CALENDAR_START - dt.timedelta(days=1)
        for minor, day in RELEASES:
            date = dt.date.fromisoformat(day)
            start = previous + dt.timedelta(days=1)
            sprints = [i for i, s in enumerate(self.sprints) if s["start"] >= start and s["end"] <= date]
            quarter = quarter_of(self.sprints[sprints[-1]]["end"])
            self.rel.append({"minor": minor, "date": date, "start": start, "sprints": sprints,
                             "quarter": quarter, "index": len(self.rel)})
            previous = date

    # ------------------------------------------------------------------ proposals
    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def feature(self) -> str:
        r = self.rng
        thing = r.choice(THINGS)
        opener = r.choice(OPENERS)
        title = f"{opener} {thing}" if opener != "Make" else f"Make {thing} the default"
        if r.random() < 0.7:
            title += f" {r.choice(TAILS)}"
        return title[0].upper() + title[1:]

    def proposals(self) -> None:
        """About 500 proposals that went through stages (alpha, beta, stable) release by release,
        and 280 provisional ones with no target release yet (the backlog)."""
        r = self.rng
        team_weights = [t[2] for t in TEAMS]
        n_releases = len(self.rel)
        # proposals start more often in later releases: the project grew
        release_weights = [0.3 + 14 * (i / (n_releases - 1)) ** 3 for i in range(n_releases - 1)]
        used_numbers: set[int] = set()
        self.keps = []

        def number_for(i: int) -> int:
            # KEP numbers grow with time, with noise; unique
            base = 20 + int(4900 * (i / (n_releases - 1)) ** 1.3)
            while True:
                n = max(1, base + r.randint(-120, 120))
                if n not in used_numbers:
                    used_numbers.add(n)
                    return n

        for _ in range(500):
            alpha = r.choices(range(n_releases - 1), weights=release_weights)[0]
            team = r.choices(TEAMS, weights=team_weights)[0]
            stages = [("alpha", alpha)]
            at = alpha
            for stage, chance in (("beta", 0.85), ("stable", 0.75)):
                if r.random() > chance:
                    break
                at += r.choice([1, 1, 2, 2, 3])
                if at >= n_releases:
                    break
                stages.append((stage, at))
            if len(stages) == 3 and r.random() < 0.12 and stages[-1][1] + 2 < n_releases:
                stages.append(("removal of the feature gate", stages[-1][1] + 2))
            self.keps.append({"number": number_for(alpha), "team": team, "title": self.feature(),
                              "stages": stages, "gate": self.gate()})
        for _ in range(280):
            team = r.choices([t for t in TEAMS if t[0] != NO_BACKLOG],
                             weights=[t[2] for t in TEAMS if t[0] != NO_BACKLOG])[0]
            self.keps.append({"number": number_for(n_releases - 2 - r.randint(0, 8)), "team": team,
                              "title": self.feature(), "stages": [], "gate": self.gate()})
        self.keps.sort(key=lambda k: k["number"])

    def gate(self) -> str:
        r = self.rng
        return "".join(r.sample(GATE_WORDS, r.randint(3, 7)))

    # ------------------------------------------------------------------ model
    def plan(self) -> None:
        r = self.rng
        self.objectives: dict[tuple[str, int], dict] = {}
        self.milestones: list[dict] = []
        self.by_id: dict[str, dict] = {}
        # one objective per (team, release) with proposals in it
        for kep in self.keps:
            for stage, ri in kep["stages"]:
                key = (kep["team"][0], ri)
                if key not in self.objectives:
                    team = kep["team"]
                    self.objectives[key] = {
                        "id": f"{team[0]}-{vid(self.rel[ri]['minor'])}", "team": team, "release": ri,
                        "title": f"{team[1]}: the enhancements of {version(self.rel[ri]['minor'])}",
                        "quarter": self.rel[ri]["quarter"], "owner": self.person(), "ms": [],
                        "backlog": False}
        # and a backlog objective per team in the current quarter
        current = quarter_of(TODAY)
        for team in TEAMS:
            if team[0] == NO_BACKLOG:
                continue
            self.objectives[(team[0], -1)] = {
                "id": f"{team[0]}-backlog", "team": team, "release": None,
                "title": f"{team[1]}: decide on the enhancements without a target release",
                "quarter": current, "owner": self.person(), "ms": [], "backlog": True}

        # milestones: one per stage of a proposal, one per provisional proposal
        for kep in self.keps:
            previous = None
            slug = f"kep-{kep['number']}"
            for stage, ri in kep["stages"]:
                rel = self.rel[ri]
                short = "removal" if stage.startswith("removal") else stage
                ms = {"id": f"{slug}-{short}", "kep": kep, "stage": stage, "release": ri,
                      "title": f"KEP-{kep['number']}: {kep['title']} ({stage} in {version(rel['minor'])})",
                      "obj": self.objectives[(kep["team"][0], ri)], "depends_on": []}
                self.schedule(ms)
                if previous is not None:
                    ms["depends_on"].append(previous["id"])
                previous = ms
                self.add(ms)
            if not kep["stages"]:
                ms = {"id": slug, "kep": kep, "stage": "provisional", "release": None,
                      "title": f"KEP-{kep['number']}: {kep['title']}",
                      "obj": self.objectives[(kep["team"][0], -1)], "depends_on": [],
                      "sprints": None, "dates": None, "span": None,
                      "votes": min(120, int(r.paretovariate(1.2)) - 1 + r.randint(0, 3)),
                      "cluster": r.choice(CLUSTERS)}
                self.add(ms)
        # cross-proposal dependencies: on a stage of an earlier release (often two releases back)
        scheduled = [m for m in self.milestones if m["span"]]
        for ms in scheduled:
            if r.random() < 0.18:
                pool = [m for m in scheduled if m["release"] < ms["release"] - (0 if r.random() < 0.5 else 1)
                        and m["release"] >= ms["release"] - 3 and m["kep"] is not ms["kep"]]
                if pool:
                    dep = r.choice(pool)
                    if dep["id"] not in ms["depends_on"] and dep["span"][1] < ms["span"][0]:
                        ms["depends_on"].append(dep["id"])
        self.statuses()
        self.key_results()

    def add(self, ms: dict) -> None:
        ms["type"] = self.ms_type(ms)
        ms["owner"] = self.person()
        ms["obj"]["ms"].append(ms)
        self.milestones.append(ms)
        self.by_id[ms["id"]] = ms

    def ms_type(self, ms: dict) -> str:
        r = self.rng
        team = ms["kep"]["team"][0]
        if team in ("sig-testing", "sig-release", "sig-scalability", "sig-contributor-experience"):
            return r.choice(["enabler", "enabler", "epic"])
        return {"alpha": r.choice(["epic", "epic", "spike"]),
                "beta": r.choice(["epic", "epic", "epic", "signal-test"]),
                "stable": r.choice(["epic", "epic", "enabler"]),
                "provisional": r.choice(["epic", "epic", "spike", "signal-test"]),
                }.get(ms["stage"], "enabler")

    def schedule(self, ms: dict) -> None:
        """A span inside the release's cycle that ends in the objective's quarter."""
        r = self.rng
        rel = self.rel[ms["release"]]
        sprints = rel["sprints"]
        qstart = quarter_start(rel["quarter"])
        late = [i for i in sprints if self.sprints[i]["end"] >= qstart]
        last = late[-1] if r.random() < 0.6 else r.choice(late)
        earlier = [i for i in sprints if i <= last]
        length = min(len(earlier), r.choice([2, 3, 4, 4, 5, 6, 7, 8]))
        first = earlier[-length] if r.random() < 0.8 else r.choice(earlier)
        a, b = self.sprints[first], self.sprints[last]
        ms["sprint_range"] = (first, last)
        if r.random() < 0.1:
            start = a["start"] + dt.timedelta(days=r.randint(0, 3))
            due = min(rel["date"], b["end"] + dt.timedelta(days=r.randint(0, 4)))
            ms["sprints"], ms["dates"], ms["span"] = None, (start, due), (start, due)
        else:
            ms["sprints"], ms["dates"], ms["span"] = (a["id"], b["id"]), None, (a["start"], b["end"])

    def statuses(self) -> None:
        r = self.rng
        for ms in self.milestones:
            span = ms["span"]
            if span is None:
                ms["status"] = "planned"
            elif span[1] < TODAY:
                ms["status"] = r.choice(["done"] * 14 + ["at-risk", "dropped"])
            elif span[0] <= TODAY:
                ms["status"] = r.choice(["in-progress"] * 4 + ["at-risk", "blocked"])
            else:
                ms["status"] = r.choice(["planned"] * 8 + ["at-risk"])
            ms["tasks"] = []
            if span and ms["sprints"] and r.random() < 0.3:
                first, last = ms["sprint_range"]
                for n, title in enumerate(r.sample(["Write the production readiness review",
                                                    "Open the docs pull request",
                                                    "Add e2e tests to the release-blocking jobs",
                                                    "Write the feature blog post",
                                                    "Update the feature gate table",
                                                    "Review the API with SIG Architecture"],
                                                   r.randint(2, 4)), 1):
                    if ms["status"] == "done":
                        status = "done"
                    elif ms["status"] == "planned":
                        status = "todo"
                    else:
                        status = r.choice(["todo", "doing", "done"])
                    ms["tasks"].append({"id": f"t{n}", "title": title, "status": status,
                                        "assignee": self.person(),
                                        "sprint": self.sprints[r.randint(first, last)]["id"],
                                        "estimate": r.choice([1, 2, 3, 5, 8])})

    def key_results(self) -> None:
        """KRs per objective, each served by at least one milestone that is not dropped."""
        r = self.rng
        for obj in self.objectives.values():
            ms = obj["ms"]
            obj["krs"], obj["hyps"] = [], []
            if not ms:
                continue
            for m in ms:
                m["krs"] = []
            team_areas = obj["team"][3]
            if obj["backlog"]:
                obj["krs"].append({"id": "kr1", "title": "Decide on every provisional enhancement "
                                   "older than two releases", "ms": ms})
                older = [m for m in ms if m["votes"] >= 3] or ms
                total = len(ms) * 2 + 10
                obj["krs"].append({"id": "kr2", "title": "Provisional enhancements without a decision",
                                   "numeric": (total, len(ms) // 2, len(ms) + r.randint(0, 6), "proposals"),
                                   "ms": older[:3]})
                for h in range(1, r.randint(3, 5)):
                    obj["hyps"].append({"id": f"h{h}", "krs": ["kr1"],
                                        "statement": r.choice(HYPOTHESES).replace("{x}", r.choice(team_areas))})
                for m in ms:
                    if obj["hyps"] and r.random() < 0.75:
                        m["hypothesis"] = f"{obj['id']}/{r.choice(obj['hyps'])['id']}"
            else:
                stable = [m for m in ms if m["stage"] in ("stable", "removal of the feature gate")]
                other = [m for m in ms if m not in stable]
                rel = self.rel[obj["release"]]
                if stable:
                    done = sum(1 for m in stable if m["status"] == "done")
                    obj["krs"].append({"id": "kr1", "title": f"Graduate {len(stable)} enhancement"
                                       f"{'s' if len(stable) != 1 else ''} to stable in "
                                       f"{version(rel['minor'])}",
                                       "numeric": (0, len(stable), done, "enhancements"), "ms": stable})
                if other:
                    obj["krs"].append({"id": f"kr{len(obj['krs']) + 1}",
                                       "title": f"Ship the alpha and beta enhancements planned for "
                                                f"{version(rel['minor'])} without a release blocker",
                                       "ms": other})
                if r.random() < 0.35:
                    start = r.randint(60, 400)
                    obj["krs"].append({"id": f"kr{len(obj['krs']) + 1}",
                                       "title": f"Cut the open bugs in {r.choice(team_areas)} "
                                                f"from {start} to {start * 2 // 3}",
                                       "numeric": (start, start * 2 // 3,
                                                   start - r.randint(0, start // 2), "bugs"),
                                       "ms": [r.choice(ms)]})
                if r.random() < 0.5:
                    obj["hyps"].append({"id": "h1", "krs": [obj["krs"][-1]["id"]],
                                        "statement": r.choice(HYPOTHESES).replace("{x}", r.choice(team_areas))})
                    for m in ms:
                        if r.random() < 0.3:
                            m["hypothesis"] = f"{obj['id']}/h1"
            for kr in obj["krs"]:
                for m in kr["ms"]:
                    m["krs"].append(f"{obj['id']}/{kr['id']}")
                if not any(m["status"] != "dropped" for m in kr["ms"]):
                    kr["ms"][0]["status"] = "done"  # a KR always has a path to delivery
            for m in ms:
                if not m["krs"]:
                    m["krs"].append(f"{obj['id']}/{obj['krs'][0]['id']}")
            past = obj["release"] is not None and self.rel[obj["release"]]["date"] < TODAY
            if past:  # done when every milestone that was not dropped is done
                obj["status"] = ("done" if all(m["status"] in ("done", "dropped") for m in ms)
                                 else "off-track")
            elif obj["release"] is not None and self.rel[obj["release"]]["start"] <= TODAY:
                obj["status"] = r.choice(["on-track", "on-track", "at-risk"])
            else:
                obj["status"] = None
            for kr in obj["krs"]:
                kr["checkins"] = []
                if "numeric" in kr and obj["release"] is not None:
                    start, target, current, _unit = kr["numeric"]
                    rel = self.rel[obj["release"]]
                    days = (min(rel["date"], TODAY) - rel["start"]).days
                    if days > 30:
                        for k in range(r.randint(1, 3)):
                            day = rel["start"] + dt.timedelta(days=days * (k + 1) // 4)
                            value = start + (current - start) * (k + 1) // 4
                            kr["checkins"].append((day, value, round(r.uniform(0.4, 0.9), 1)))

    # ------------------------------------------------------------------ text
    def sentence(self) -> str:
        r = self.rng
        words = [r.choice(WORDS) for _ in range(r.randint(8, 18))]
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def kep_url(self, kep: dict) -> str:
        words = kep["title"].lower().replace(",", "").split()[:8]
        return (f"https://github.com/kubernetes/enhancements/tree/master/keps/{kep['team'][0]}/"
                f"{kep['number']}-{'-'.join(words)}/README.md#graduation-criteria")

    def milestone_body(self, ms: dict) -> str:
        r = self.rng
        kep = ms["kep"]
        team_id, team_name = kep["team"][0], kep["team"][1]
        parts = []
        if ms["release"] is not None:
            minor = self.rel[ms["release"]]["minor"]
            parts.append(f"Owned by [[{team_id}|{team_name}]]; targets "
                         f"[[release-{vid(minor)}|{version(minor)}]]. {self.sentence()}")
        else:
            parts.append(f"Owned by [[{team_id}]]. Provisional: no target release yet. {self.sentence()}")
        parts.append(self.paragraph())
        siblings = [self.by_id[f"kep-{kep['number']}-{'removal' if s.startswith('removal') else s}"]
                    for s, _ in kep["stages"]]
        if len(siblings) > 1 and r.random() < 0.6:
            rows = ["| Stage | Release | Milestone | Feature gate |", "| --- | --- | --- | --- |"]
            for sib in siblings:
                minor = self.rel[sib["release"]]["minor"]
                link = (f"[[{sib['id']}|{sib['stage']} in {version(minor)}]]" if r.random() < 0.7
                        else f"[[{sib['id']}]]")
                rows.append(f"| {sib['stage'].capitalize()} | [[release-{vid(minor)}|{version(minor)}]] "
                            f"| {link} | `{kep['gate']}` |")
            parts.append("Graduation history:\n\n" + "\n".join(rows))
        if r.random() < 0.5:
            parts.append(f"Design and graduation criteria: {self.kep_url(kep)}")
        if r.random() < 0.25:
            parts.append("Enable it on a node:\n\n```yaml\n"
                         "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                         f"featureGates:\n  {kep['gate']}: true   # {self.sentence()}\n```")
        if r.random() < 0.3:
            other = r.choice(self.milestones)
            parts.append(f"See also [[{other['id']}]] and the feature gate "
                         f"`{kep['gate']}{kep['gate']}`.")
        return "\n\n".join(parts) + "\n"

    def objective_body(self, obj: dict) -> str:
        r = self.rng
        parts = []
        if obj["release"] is not None:
            minor = self.rel[obj["release"]]["minor"]
            parts.append(f"What [[{obj['team'][0]}]] plans for [[release-{vid(minor)}|{version(minor)}]]. "
                         + self.sentence())
        else:
            parts.append(f"Proposals of [[{obj['team'][0]}]] that no release has picked up yet. "
                         + self.sentence())
        shown = obj["ms"][:12]
        if shown:
            rows = ["| Enhancement | Stage | Owner |", "| --- | --- | --- |"]
            rows += [f"| [[{m['id']}]] | {m['stage']} | {m['owner']} |" for m in shown]
            parts.append("\n".join(rows))
        parts.append(self.paragraph())
        return "\n\n".join(parts) + "\n"

    # ------------------------------------------------------------------ output
    def write(self, out: str) -> int:
        r = self.rng
        content = os.path.join(out, "content")
        files = 0

        def put(rel: str, text: str) -> None:
            nonlocal files
            path = os.path.join(content, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            files += 1

        sprint_lines = "".join(
            f"    - {{id: {s['id']}, name: {q(s['name'])}, start: {s['start']}, end: {s['end']}}}\n"
            for s in self.sprints)
        with open(os.path.join(out, "okrsite.yaml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(
                f"# A real-shaped roadmap: bench/gen_real_site.py --seed {self.seed}\n"
                "title: Container Platform Enhancements\n"
                "description: Eleven years of enhancement proposals, release by release\n"
                "base_url: https://example.org/enhancements/\n"
                f"today: {TODAY.isoformat()}\n"
                "calendar:\n"
                "  fiscal_year_start: 1\n"
                "  sprints:\n" + sprint_lines +
                "teams_required: true\n"
                "markers:\n"
                + "".join(f"  - {{date: {rel['date']}, label: {q(version(rel['minor']) + ' release')}}}\n"
                          for rel in self.rel) +
                "edit_url: https://github.com/example/enhancements/edit/main/{path}\n")
        files += 1
        put("README.md", "# Generated content\n\nWritten by `bench/gen_real_site.py`; do not edit.\n")

        for team_id, name, _w, areas in TEAMS:
            members = sorted({self.person() for _ in range(r.randint(5, 12))})
            put(f"teams/{team_id}.yaml",
                f"name: {q(name)}\n"
                f"description: {q('Owns ' + ', '.join(areas) + '.')}\n"
                f"lead: {q(members[0])}\nmembers:\n" + "".join(f"  - {q(m)}\n" for m in members))

        for obj in self.objectives.values():
            if not obj["krs"]:
                continue
            lines = ["---", f"title: {q(obj['title'])}", f"quarter: {obj['quarter']}",
                     f"team: {obj['team'][0]}", f"owner: {q(obj['owner'])}"]
            if obj["status"]:
                lines.append(f"status: {obj['status']}")
            lines.append("key_results:")
            for kr in obj["krs"]:
                lines += [f"  - id: {kr['id']}", f"    title: {q(kr['title'])}"]
                if "numeric" in kr:
                    start, target, current, unit = kr["numeric"]
                    lines += [f"    start: {start}", f"    target: {target}", f"    current: {current}",
                              f"    unit: {unit}"]
                    if kr["checkins"]:
                        lines.append("    checkins:")
                        lines += [f"      - {{date: {d}, value: {v}, confidence: {c}}}"
                                  for d, v, c in kr["checkins"]]
            if obj["hyps"]:
                lines.append("hypotheses:")
                for h in obj["hyps"]:
                    lines += [f"  - id: {h['id']}", f"    statement: {q(h['statement'])}",
                              f"    key_results: [{', '.join(h['krs'])}]"]
            lines.append("---")
            folder = "backlog" if obj["backlog"] else vid(self.rel[obj["release"]]["minor"])
            obj["path"] = f"objectives/{folder}/{obj['id']}.md"
            put(obj["path"], "\n".join(lines) + "\n" + self.objective_body(obj))

        for ms in self.milestones:
            lines = ["---", f"title: {q(ms['title'])}", f"type: {ms['type']}",
                     f"key_results: [{', '.join(ms['krs'])}]"]
            if ms.get("hypothesis"):
                lines.append(f"hypothesis: {ms['hypothesis']}")
            lines += [f"team: {ms['kep']['team'][0]}", f"owner: {q(ms['owner'])}"]
            if ms["sprints"]:
                a, b = ms["sprints"]
                lines.append(f"sprints: [{a}]" if a == b else f"sprints: [{a}, {b}]")
            elif ms["dates"]:
                lines += [f"start: {ms['dates'][0]}", f"due: {ms['dates'][1]}"]
            lines.append(f"status: {ms['status']}")
            if ms["depends_on"]:
                lines.append(f"depends_on: [{', '.join(ms['depends_on'])}]")
            if "votes" in ms:
                lines += [f"votes: {ms['votes']}", f"cluster: {ms['cluster']}"]
            if ms["tasks"]:
                lines.append("tasks:")
                for t in ms["tasks"]:
                    lines += [f"  - title: {q(t['title'])}", f"    id: {t['id']}",
                              f"    status: {t['status']}", f"    assignee: {q(t['assignee'])}",
                              f"    sprint: {t['sprint']}", f"    estimate: {t['estimate']}"]
            lines.append("---")
            folder = "provisional" if ms["release"] is None else vid(self.rel[ms["release"]]["minor"])
            put(f"milestones/{folder}/{ms['id']}.md", "\n".join(lines) + "\n" + self.milestone_body(ms))

        # free pages: how we work, the release calendar (a table of links), one page per release
        put("pages/how-we-work.md",
            "---\ntitle: How we work\nweight: 1\n---\n"
            "Every enhancement goes through alpha, beta and stable, one release at a time.\n\n"
            "| Stage | Default | What it takes |\n| --- | --- | --- |\n"
            "| Alpha | off | a design, a feature gate, unit tests |\n"
            "| Beta | on | e2e tests, a production readiness review, [[how-we-work|this page]] read |\n"
            "| Stable | on, locked | two releases of beta without a regression |\n")
        rows = ["| Release | Date | Objectives | Milestones |", "| --- | --- | --- | --- |"]
        for rel in self.rel:
            n_obj = sum(1 for o in self.objectives.values() if o["release"] == rel["index"])
            n_ms = sum(1 for m in self.milestones if m["release"] == rel["index"])
            rows.append(f"| [[release-{vid(rel['minor'])}|{version(rel['minor'])}]] | {rel['date']} "
                        f"| {n_obj} | {n_ms} |")
        put("pages/release-calendar.md",
            "---\ntitle: Release calendar\nweight: 2\n---\nEvery release, newest last.\n\n"
            + "\n".join(rows) + "\n")
        for rel in self.rel:
            teams = sorted({o["team"][0] for o in self.objectives.values() if o["release"] == rel["index"]})
            body = (f"{version(rel['minor'])} was cut on {rel['date']}; its cycle started on {rel['start']}.\n\n"
                    + "\n".join(f"- [[{t}]]: [[{t}-{vid(rel['minor'])}|its objective]]" for t in teams) + "\n")
            put(f"pages/releases/release-{vid(rel['minor'])}.md",
                f"---\ntitle: {q('Release ' + version(rel['minor']))}\n"
                f"weight: {100 + rel['minor']}\n---\n" + body)
        return files

    def stats(self) -> dict:
        per_quarter: dict[str, int] = {}
        for ms in self.milestones:
            if ms["span"]:
                day = ms["span"][0]
                seen = set()
                while day <= ms["span"][1]:
                    seen.add(quarter_of(day))
                    day += dt.timedelta(days=28)
                seen.add(quarter_of(ms["span"][1]))
                for quarter in seen:
                    per_quarter[quarter] = per_quarter.get(quarter, 0) + 1
        busiest = max(per_quarter.items(), key=lambda kv: kv[1])
        return {"objectives": sum(1 for o in self.objectives.values() if o["krs"]),
                "milestones": len(self.milestones),
                "unscheduled": sum(1 for m in self.milestones if not m["span"]),
                "teams": len(TEAMS), "sprints": len(self.sprints), "releases": len(self.rel),
                "busiest_quarter": busiest,
                "dependencies": sum(len(m["depends_on"]) for m in self.milestones)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", metavar="OUT_DIR", help="folder to write the site into")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    prepare(args.out_dir)
    gen = Gen(args.seed)
    gen.calendar()
    gen.releases()
    gen.proposals()
    gen.plan()
    files = gen.write(args.out_dir)
    if not args.quiet:
        s = gen.stats()
        print(f"gen_real_site: {files} files in {args.out_dir}: {s['objectives']} objectives, "
              f"{s['milestones']} milestones ({s['unscheduled']} unscheduled, {s['dependencies']} "
              f"dependencies), {s['teams']} teams, {s['sprints']} sprints, {s['releases']} releases; "
              f"busiest quarter {s['busiest_quarter'][0]} with {s['busiest_quarter'][1]} bars; "
              f"{time.perf_counter() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
