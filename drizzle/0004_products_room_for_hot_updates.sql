-- Custom SQL migration: leave room on each page of products for the row's next version.
--
-- Every order and cancellation updates a game's stock. With full pages (fillfactor 100) such an
-- update usually cannot stay on its page, so PostgreSQL writes a new entry into every index of the
-- table, nine of them, four GIN (search, trigram title, genres, platforms). With room on the page
-- and no indexed column changed, the update is HOT: no index is touched. Applies to pages written
-- from now on (a seeded catalog, or rows as they are next updated).
ALTER TABLE "products" SET (fillfactor = 70);
