// Mantine's PostCSS preset: rem/em functions and the light/dark and breakpoint mixins.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
