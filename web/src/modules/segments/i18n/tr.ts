/** Turkish texts of the segments module (namespace `segments`); the source of the keys. */
export const tr = {
  nav: {
    segments: { title: 'Segmentler', description: 'Kurallarla müşteri grupları: canlı sayı, örnek üyeler, dinamik ya da sabit listeler.' },
  },
};
