import { openSearchPalette } from './palette-store'

/** The library toolbar's search field: typing hands the text to the search palette. */
export function LibrarySearchField() {
  return (
    <input
      type="search"
      className="library-search"
      aria-label="Search the library"
      placeholder="Search  (Ctrl+K)"
      value=""
      onChange={(event) => openSearchPalette(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') openSearchPalette()
      }}
    />
  )
}
