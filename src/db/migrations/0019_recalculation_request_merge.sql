-- Pending recalculation requests of one house are processed together (docs/billing.md "Recalculation"): the house
-- is recomputed once from the earliest date of the group, the lines it posts point to the group's first request,
-- and each other request of the group points to that first one here (a registry of readings for a house no longer
-- recomputes the house once per reading).
alter table recalculation_requests add column merged_into bigint references recalculation_requests (id);
