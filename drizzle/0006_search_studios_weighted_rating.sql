-- Custom SQL migration: indexes for search by studio and for the weighted "Top rated" order.
--
-- Search matches the studios a query names (lib/catalog/search-plan.ts) with
-- `developer = any(...) or publisher = any(...)`: these b-trees make that a bitmap index scan
-- like the genre and platform tests (GIN), not a scan of the table per search.
--
-- "Top rated" sorts by a weighted (Bayesian) rating, (v·R + m·C) / (v + m) with m = 50 votes and
-- C = 3.8 (lib/catalog/rating.ts, where the constants and the reasons for them live): a 5.0 from 7
-- votes no longer outranks a 4.8 from 23,000. The expression below must stay spelled as
-- weightedRatingSql() spells it, or the planner stops walking this index for the rating sort.
-- Neither developer nor publisher nor the rating columns change on a stock update, so orders
-- stay HOT updates (0004).
CREATE INDEX "products_developer_idx" ON "products" USING btree ("developer");--> statement-breakpoint
CREATE INDEX "products_publisher_idx" ON "products" USING btree ("publisher");--> statement-breakpoint
CREATE INDEX "products_weighted_rating_idx" ON "products" USING btree ((("rating_count" * "rating"::float8 + 190::float8) / ("rating_count" + 50)));
