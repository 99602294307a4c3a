/** One line never holds more than this, whatever the stock: a typo should not order 1,000 copies. */
export const MAX_LINE_QUANTITY = 99;
