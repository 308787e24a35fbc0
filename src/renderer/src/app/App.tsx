import { lazy, Suspense, useCallback, useEffect, useRef } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { useApi, useDossierEvent } from '../api/context'
import { useExchangeEntry } from '../export/ExchangeEntry'
import { ImportDialog } from '../import/ImportDialog'
import { useFetchFromWeb } from '../import/FetchDialog'
import { ImportPicker, type ImportPickerHandle } from '../import/ImportPicker'
import { useImport } from '../import/useImport'
import { LibraryView } from '../library/LibraryView'
import { NotebookView } from '../notebook/NotebookView'
import { ReaderView } from '../reader/ReaderView'
import { LibrarySearchField } from '../search/LibrarySearchField'
import { SearchPalette } from '../search/SearchPalette'
import { useToasts } from '../ui/toasts'
import { DropZone } from './DropZone'
import { ImportMenu } from './ImportMenu'
import { useRoute } from './route'
import { Sidebar } from './Sidebar'

// The Map carries cytoscape (about 850 KB): loaded when first opened, not with the app.
const MapView = lazy(() => import('../map/MapView').then((module) => ({ default: module.MapView })))

export function App() {
  const api = useApi()
  const toasts = useToasts()
  const [route, navigate] = useRoute()
  const importer = useImport()
  const picker = useRef<ImportPickerHandle>(null)
  const exchange = useExchangeEntry(route.view === 'article' ? route.id : undefined)

  useDossierEvent(
    useCallback(
      (event) => {
        if (event.type === 'notice') toasts.show({ tone: event.payload.level === 'error' ? 'error' : 'info', message: event.payload.message })
      },
      [toasts],
    ),
  )

  // Notices found at open were emitted before this page subscribed: ask for them once.
  const noticesShown = useRef(false)
  useEffect(() => {
    if (noticesShown.current) return
    noticesShown.current = true
    void api.listNotices().then((result) => {
      if (!result.ok) return
      for (const notice of result.value) toasts.show({ tone: notice.level === 'info' ? 'info' : 'error', message: notice.message }, 30_000)
    })
  }, [api, toasts])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault()
        picker.current?.pickFiles()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const open = useCallback((article: Pick<ArticleMeta, 'id'>) => navigate({ view: 'article', id: article.id }), [navigate])
  const web = useFetchFromWeb(open)

  const remove = useCallback(
    async (id: string, title: string) => {
      const result = await api.deleteArticle(id)
      if (!result.ok) return toasts.show({ tone: 'error', message: result.error.message })
      if (route.view === 'article' && route.id === id) navigate({ view: 'library' })
      toasts.show({
        tone: 'info',
        message: `Moved “${title}” to the trash.`,
        action: { label: 'Undo', run: () => void api.restoreArticle(id) },
      })
    },
    [api, navigate, route, toasts],
  )

  const restore = useCallback(
    async (article: ArticleMeta) => {
      const result = await api.restoreArticle(article.id)
      toasts.show(result.ok ? { tone: 'info', message: `Restored “${article.title}”.` } : { tone: 'error', message: result.error.message })
    },
    [api, toasts],
  )

  return (
    <div className="app">
      <Sidebar route={route} navigate={navigate} footer={exchange.buttons} />
      <main className="content">
        {route.view === 'article' ? (
          <ReaderView key={`${route.id}#${route.blockId ?? ''}`} id={route.id} blockId={route.blockId} query={route.q} onBack={() => navigate({ view: 'library' })} onDelete={remove} />
        ) : route.view === 'notebook' ? (
          <NotebookView />
        ) : route.view === 'map' ? (
          <Suspense fallback={<p className="view-loading">Loading the map…</p>}>
            <MapView />
          </Suspense>
        ) : (
          <LibraryView
            which={route.view}
            onOpen={open}
            onDelete={(article) => void remove(article.id, article.title)}
            onRestore={(article) => void restore(article)}
            onImport={() => picker.current?.pickFiles()}
            importMenu={
              <>
                <LibrarySearchField />
                <ImportMenu onFiles={() => picker.current?.pickFiles()} onFolder={() => picker.current?.pickFolder()} onWeb={web.open} />
              </>
            }
          />
        )}
      </main>
      <SearchPalette />
      <ImportPicker ref={picker} onFiles={(files) => void importer.start(files)} />
      <DropZone onFiles={(files) => void importer.start(files)} />
      {exchange.dialogs}
      {web.dialog}
      {importer.state && (
        <ImportDialog
          state={importer.state}
          onCancel={importer.cancel}
          onClose={importer.dismiss}
          onOpen={(article) => {
            importer.dismiss()
            open(article)
          }}
        />
      )}
    </div>
  )
}
