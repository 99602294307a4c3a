/** Invented studios: believable names that belong to no real company. */

// prettier-ignore
export const DEVELOPERS: readonly string[] = [
  'Lantern Forge Studios', 'Pixel Harbor', 'Bitwise Owls', 'Northlight Interactive', 'Copperfox Games',
  'Saltwater Software', 'Quiet Comet', 'Red Kite Works', 'Moonmoth', 'Tinderbox Collective',
  'Hexagon Yard', 'Paper Boat Games', 'Ironbark Interactive', 'Little Giant Studio', 'Glasshouse Games',
  'Velvet Circuit', 'Cloudberry', 'Stormgate Studios', 'Wandering Oak', 'Brass Monkey Digital',
  'Fathom Five', 'Nightjar Games', 'Okapi Interactive', 'Kilowatt Kids', 'Half Moon Bay Games',
  'Seven Sparrows', 'Gravel & Glue', 'Lumen Lab', 'Slow Thunder', 'Blue Heron Works',
  'Cinder Block Games', 'Orbital Pancake', 'Mossy Stone', 'Foxglove Studio', 'Deep Field Games',
  'Toybox Tigers', 'Polar Night', 'Aster Interactive', 'Jetsam Games', 'Tall Grass Studio',
];

// prettier-ignore
export const PUBLISHERS: readonly string[] = [
  'Arclight Publishing', 'Greenfield Interactive', 'Meridian Games', 'Blue Anchor', 'Kitewing',
  'Summit Entertainment Software', 'Fable & Fuse', 'Northwind Digital', 'Octavo Games', 'Tidal Press',
  'Starboard Interactive', 'Highline Games', 'Goldcrest Digital', 'Riverbend Publishing',
];
