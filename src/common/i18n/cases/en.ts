// The cases screens of the staff app, English (the reference for ru and kk).
export const casesEn = {
  'nav.cases': 'Cases',
};
