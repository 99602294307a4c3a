import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH, PRODUCT_SORTS } from './query';
import { CATALOG_MEAN_RATING, PRIOR_VOTES } from './rating';
import { SUGGESTED_NAMES, SUGGESTED_TITLES } from './suggest';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const productSummary = {
  type: 'object',
  required: [
    'id',
    'slug',
    'title',
    'priceCents',
    'currency',
    'stock',
    'unlimited',
    'countedEditionIds',
    'rating',
    'ratingCount',
    'platforms',
    'genres',
    'coverUrl',
    'coverAlt',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    slug: { type: 'string' },
    title: { type: 'string' },
    priceCents: { type: 'integer', minimum: 0, description: 'The cheapest edition on sale' },
    currency: { type: 'string', example: 'USD' },
    stock: {
      type: 'integer',
      minimum: 0,
      description: 'Units left across editions that count them (live)',
    },
    unlimited: { type: 'boolean', description: 'An edition never runs out (an uncapped download)' },
    countedEditionIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
    rating: { type: 'number', minimum: 0, maximum: 5 },
    ratingCount: { type: 'integer', minimum: 0 },
    platforms: { type: 'array', items: { type: 'string' } },
    genres: { type: 'array', items: { type: 'string' } },
    coverUrl: { type: ['string', 'null'] },
    coverAlt: { type: 'string' },
  },
} as const;

const edition = {
  type: 'object',
  required: [
    'id',
    'sku',
    'name',
    'platform',
    'delivery',
    'priceCents',
    'currency',
    'stock',
    'available',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    sku: { type: 'string' },
    name: { type: 'string', example: 'PC (Steam key)' },
    platform: { type: 'string' },
    delivery: { type: 'string', enum: ['key', 'download', 'physical'] },
    priceCents: { type: 'integer', minimum: 0 },
    currency: { type: 'string' },
    stock: {
      type: ['integer', 'null'],
      minimum: 0,
      description: 'Units (or keys) left; null: never runs out',
    },
    available: { type: 'boolean' },
  },
} as const;

const queryParam = (name: string, schema: object, description: string) => ({
  name,
  in: 'query',
  required: false,
  schema,
  description,
});

/** The catalog's part of /api/v1/openapi.json: paths and the schemas they reference. */
export const catalogOpenApi = {
  schemas: { ProductSummary: productSummary, Edition: edition },
  paths: {
    '/api/v1/products': {
      get: {
        summary: 'List games on sale (filters, sort, pagination)',
        tags: ['catalog'],
        parameters: [
          queryParam(
            'q',
            { type: 'string', maxLength: MAX_SEARCH_LENGTH },
            'Search words: titles and descriptions (full text), and the genres, platforms and studios (developer or publisher) they name ("rpg", "switch", "pixel harbor"); typo tolerant ("drgon" finds dragon titles)',
          ),
          queryParam(
            'genre',
            { type: 'string' },
            'Genre as spelled in facets.genres (case-insensitive)',
          ),
          queryParam('platform', { type: 'string' }, 'Platform as spelled in facets.platforms'),
          queryParam('category', { type: 'string' }, 'Category slug'),
          queryParam(
            'minPrice',
            { type: 'integer', minimum: 0 },
            'Lowest price in cents, inclusive',
          ),
          queryParam(
            'maxPrice',
            { type: 'integer', minimum: 0 },
            'Highest price in cents, inclusive',
          ),
          queryParam('inStock', { type: 'boolean' }, 'Only games in stock'),
          queryParam(
            'sort',
            { type: 'string', enum: PRODUCT_SORTS },
            `Defaults to relevance with q, rating without. \`rating\` (Top rated) ranks by weighted rating, (v·R + ${PRIOR_VOTES}·${CATALOG_MEAN_RATING}) / (v + ${PRIOR_VOTES}) for v votes averaging R, so a few perfect votes do not outrank thousands of good ones`,
          ),
          queryParam(
            'page',
            { type: 'integer', minimum: 1, default: 1 },
            'A page past the end has no items',
          ),
          queryParam(
            'pageSize',
            { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
            'Items per page',
          ),
        ],
        responses: {
          200: {
            description: 'A page of games and the facets to filter by',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    items: {
                      type: 'array',
                      items: { $ref: '#/components/schemas/ProductSummary' },
                    },
                    total: { type: 'integer' },
                    page: { type: 'integer' },
                    pageSize: { type: 'integer' },
                    pageCount: { type: 'integer' },
                    didYouMean: {
                      type: ['string', 'null'],
                      description:
                        'Only when q is given: what the shopper probably meant, or null. The catalog spelling of misspelt words (their games are already among the items), or, when nothing matched, the words that would (unknown ones dropped) or the closest title',
                      example: 'dragon',
                    },
                    facets: {
                      type: 'object',
                      properties: {
                        genres: { type: 'array', items: { type: 'string' } },
                        platforms: { type: 'array', items: { type: 'string' } },
                        priceRange: {
                          type: 'object',
                          properties: { min: { type: 'integer' }, max: { type: 'integer' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
          400: errorResponse('Invalid parameters; error.fields names each one'),
        },
      },
    },
    '/api/v1/products/{slug}/views': {
      post: {
        summary: 'Count one view of a game (feeds the most-viewed board)',
        description:
          'Limited per client address (RATE_LIMIT_VIEWS_IP) and per address and game (RATE_LIMIT_VIEWS_PRODUCT); a report past a limit also answers 204 but is not counted.',
        tags: ['catalog'],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          204: { description: 'Counted' },
          403: errorResponse('Cross-origin request'),
          404: errorResponse('Unknown game'),
        },
      },
    },
    '/api/v1/stock': {
      get: {
        summary: 'Units left of up to 100 editions, live (at most about a second old)',
        description:
          'Cached pages and listings carry no live stock; this is where it comes from. `ids` are edition ids; unknown ids and editions that never run out are left out.',
        tags: ['catalog'],
        parameters: [
          {
            name: 'ids',
            in: 'query',
            required: true,
            schema: { type: 'string' },
            description: 'Comma-separated game ids (UUIDs), 1 to 100',
          },
        ],
        responses: {
          200: {
            description: 'Units left per game id',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['stock'],
                  properties: {
                    stock: {
                      type: 'object',
                      additionalProperties: { type: 'integer', minimum: 0 },
                    },
                  },
                },
              },
            },
          },
          400: errorResponse('Missing or malformed ids'),
        },
      },
    },
    '/api/v1/products/{slug}': {
      get: {
        summary: 'One game with its editions, images, specs, category and description',
        tags: ['catalog'],
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: {
            description:
              'The game; `editions` lists what can be bought, each with its live availability',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    { $ref: '#/components/schemas/ProductSummary' },
                    {
                      type: 'object',
                      required: ['editions'],
                      properties: {
                        editions: {
                          type: 'array',
                          items: { $ref: '#/components/schemas/Edition' },
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          404: errorResponse('Unknown or no longer on sale'),
        },
      },
    },
    '/api/v1/search/suggest': {
      get: {
        summary:
          'Suggestions for the words typed so far: a few titles, genres, platforms and studios',
        description:
          'Matches the start of titles and of their words, misspellings, and the genres, platforms and studios the words name. Cached for a minute.',
        tags: ['catalog'],
        parameters: [
          {
            name: 'q',
            in: 'query',
            required: true,
            schema: { type: 'string', minLength: 1, maxLength: MAX_SEARCH_LENGTH },
            description: 'The words typed so far',
          },
        ],
        responses: {
          200: {
            description: 'Suggestions, best first in each list',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['q', 'titles', 'genres', 'platforms', 'studios'],
                  properties: {
                    q: { type: 'string', description: 'The words as matched (lowercased)' },
                    titles: {
                      type: 'array',
                      maxItems: SUGGESTED_TITLES,
                      items: {
                        type: 'object',
                        required: ['slug', 'title'],
                        properties: { slug: { type: 'string' }, title: { type: 'string' } },
                      },
                    },
                    genres: {
                      type: 'array',
                      maxItems: SUGGESTED_NAMES,
                      items: { type: 'string' },
                      description: 'As spelled in facets.genres',
                    },
                    platforms: {
                      type: 'array',
                      maxItems: SUGGESTED_NAMES,
                      items: { type: 'string' },
                      description: 'As spelled in facets.platforms',
                    },
                    studios: {
                      type: 'array',
                      maxItems: SUGGESTED_NAMES,
                      items: { type: 'string' },
                      description: 'Developers and publishers; search for one with q',
                    },
                  },
                },
              },
            },
          },
          400: errorResponse('q missing, blank or longer than 100 characters'),
        },
      },
    },
    '/api/v1/categories': {
      get: {
        summary: 'Categories in shelf order, with the number of games on sale in each',
        tags: ['catalog'],
        responses: { 200: { description: '{ categories: [...] }' } },
      },
    },
    '/api/v1/leaderboards/{board}': {
      get: {
        summary: 'A leaderboard: top-sellers, top-sellers-7d, most-viewed or top-rated-<genre>',
        description:
          'top-rated-<genre> ranks by weighted rating, as the rating sort does; its score is the plain average rating.',
        tags: ['catalog'],
        parameters: [
          {
            name: 'board',
            in: 'path',
            required: true,
            schema: { type: 'string' },
            example: 'top-rated-rpg',
          },
          queryParam(
            'limit',
            { type: 'integer', minimum: 1, maximum: 100, default: 10 },
            'How many entries',
          ),
        ],
        responses: {
          200: { description: '{ board, entries: [ProductSummary & { rank, score }] }' },
          400: errorResponse('Invalid limit'),
          404: errorResponse('Unknown board or genre'),
        },
      },
    },
  },
} as const;
