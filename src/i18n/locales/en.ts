/** English copy. The shape of this object is the type every other locale must satisfy. */
export const en = {
  common: {
    localeName: 'English',
  },
}

export type Resources = typeof en
