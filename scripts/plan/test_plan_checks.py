#!/usr/bin/env python3
"""Checks the checkers: plan_equals_deploy.compare must catch each kind of broken promise, and the
mutations must be deterministic and do what they say. Run by ctest (tests/CMakeLists.txt)."""
import os, sys, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import mutate  # noqa: E402
import plan_equals_deploy as ped  # noqa: E402

SCHEMAS = os.path.join(HERE, "..", "..", "tests", "plan", "data", "schemas")


def change(action, rid, replacement=None, after=None, details=()):
    rc = {"Action": action, "LogicalResourceId": rid, "ResourceType": "AWS::SQS::Queue",
          "Details": list(details)}
    if replacement:
        rc["Replacement"] = replacement
    if after is not None:
        rc["AfterContext"] = ped.json.dumps({"Properties": after})
    return {"Type": "Resource", "ResourceChange": rc}


def event(rid, status):
    return {"LogicalResourceId": rid, "ResourceStatus": status}


def res(pid, props):
    return {"PhysicalResourceId": pid, "Properties": props}


class Compare(unittest.TestCase):
    def setUp(self):
        self.m = mutate.Mutation()

    def test_replacement_kept_promise(self):
        changes = [change("Modify", "Q", "True", {"QueueName": "b", "Policy": ped.KNOWN_AFTER_APPLY})]
        events = [event("Q", s) for s in ("UPDATE_IN_PROGRESS", "UPDATE_COMPLETE", "DELETE_IN_PROGRESS",
                                          "DELETE_COMPLETE")]
        problems = ped.compare(changes, events, {"Q": res("q1", {"QueueName": "a"})},
                               {"Q": res("q2", {"QueueName": "b", "Policy": {"x": 1}})}, self.m)
        self.assertEqual(problems, [])

    def test_replacement_true_but_same_physical_id(self):
        changes = [change("Modify", "Q", "True", {"QueueName": "b"})]
        events = [event("Q", "UPDATE_IN_PROGRESS"), event("Q", "UPDATE_COMPLETE")]
        problems = ped.compare(changes, events, {"Q": res("q1", {})}, {"Q": res("q1", {"QueueName": "b"})}, self.m)
        self.assertIn("Q: Replacement True but physical ID kept", problems)

    def test_in_place_but_replaced(self):
        changes = [change("Modify", "Q", "False", {"QueueName": "b"})]
        problems = ped.compare(changes, [], {"Q": res("q1", {})}, {"Q": res("q2", {"QueueName": "b"})}, self.m)
        self.assertIn("Q: Replacement False but physical ID changed", problems)

    def test_unplanned_events_and_changes(self):
        problems = ped.compare([], [event("Other", "UPDATE_COMPLETE")],
                               {"Other": res("o", {"A": 1})}, {"Other": res("o", {"A": 2})}, self.m)
        self.assertTrue(any("not planned but has events" in p for p in problems))
        self.assertIn("Other: not planned but properties changed", problems)

    def test_after_values_differ(self):
        detail = {"Target": {"Attribute": "Properties", "Name": "DelaySeconds", "Path": "/Properties/DelaySeconds",
                             "AfterValue": "5"}, "Evaluation": "Static"}
        changes = [change("Modify", "Q", "False", {"DelaySeconds": 5}, [detail])]
        events = [event("Q", "UPDATE_IN_PROGRESS"), event("Q", "UPDATE_COMPLETE")]
        problems = ped.compare(changes, events, {"Q": res("q", {})}, {"Q": res("q", {"DelaySeconds": 6})}, self.m)
        self.assertTrue(any("differ from AfterContext" in p for p in problems))
        self.assertIn("Q: /Properties/DelaySeconds recorded 6, AfterValue 5", problems)

    def test_remove_and_add(self):
        changes = [change("Remove", "Old"), change("Add", "New", after={})]
        events = [event("Old", "DELETE_IN_PROGRESS"), event("Old", "DELETE_COMPLETE"),
                  event("New", "CREATE_IN_PROGRESS"), event("New", "CREATE_COMPLETE")]
        problems = ped.compare(changes, events, {"Old": res("o", {})}, {"New": res("n", {})}, self.m)
        self.assertEqual(problems, [])
        problems = ped.compare(changes, events[2:], {"Old": res("o", {})}, {"Old": res("o", {}), "New": res("n", {})},
                               self.m)
        self.assertIn("Old: Remove but still recorded", problems)

    def test_placeholders_match_anything(self):
        self.assertTrue(ped.matches({"A": ped.KNOWN_AFTER_APPLY, "B": ["****"]}, {"A": {"x": 1}, "B": ["secret"]}))
        self.assertFalse(ped.matches({"A": 1}, {"A": 1, "B": 2}))


class Mutations(unittest.TestCase):
    TEMPLATE = {"Resources": {
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "orders", "DelaySeconds": 5}},
        "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"DisplayName": {"Fn::GetAtt": ["Queue", "QueueName"]}}},
        "Lonely": {"Type": "AWS::SNS::Topic"}}}

    def test_deterministic_and_as_described(self):
        facts = mutate.Facts(SCHEMAS)
        a = mutate.mutate(self.TEMPLATE, facts, 7)
        b = mutate.mutate(self.TEMPLATE, facts, 7)
        self.assertEqual(a.doc, b.doc)
        self.assertEqual(a.steps, b.steps)
        res = a.doc["Resources"]
        self.assertEqual(a.expect_replaced, {"Queue"})
        self.assertNotEqual(res["Queue"]["Properties"]["QueueName"], "orders")
        self.assertIn("PlanAdded7", res)
        # Only the unreferenced topic can go; the queue is read by the topic.
        self.assertTrue(a.removed <= {"Lonely", "Topic"})
        self.assertEqual(self.TEMPLATE["Resources"]["Queue"]["Properties"]["QueueName"], "orders")

    def test_long_form(self):
        self.assertEqual(mutate.long_form({"!GetAtt": "A.Arn"}), {"Fn::GetAtt": ["A", "Arn"]})
        self.assertEqual(mutate.long_form({"!Ref": "P"}), {"Ref": "P"})
        self.assertEqual(mutate.long_form({"!Sub": "x"}), {"Fn::Sub": "x"})


if __name__ == "__main__":
    unittest.main()
