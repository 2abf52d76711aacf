// The records screens of the staff app, English (the reference for ru and kk).
export const recordsEn = {
  'nav.records': 'Records',
};
