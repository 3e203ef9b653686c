import type { Resources } from './en.js'

/** Danish copy. */
export const da: Resources = {
  common: {
    localeName: 'Dansk',
  },
}
