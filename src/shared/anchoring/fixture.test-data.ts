// A news report of the kind analysts import, with repeated phrases on purpose.

export const REPORT_BLOCKS = [
  { text: 'Clashes on the Afghan border' },
  {
    text:
      'The Taliban said at least 46 people were killed in Pakistani air strikes on Tuesday night, ' +
      'most of them women and children, according to a spokesman in Kabul.',
  },
  {
    text:
      'Pakistan said its strikes killed over 30 militants and that no civilians were harmed. ' +
      'Officials in Islamabad said the operation targeted hideouts near the border.',
  },
  {
    text:
      'Residents said the strikes continued until dawn. A spokesman for the provincial governor ' +
      'said the strikes continued until dawn as well, and that the road to Kabul was closed.',
  },
]
