import '@fontsource/literata/400.css'
import '@fontsource/literata/400-italic.css'
import '@fontsource/literata/600.css'
import '@fontsource/inter/400.css'
import '@fontsource/inter/600.css'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBridge } from './api/client'
import { ApiProvider } from './api/context'
import { App } from './app/App'
import { PreferencesProvider } from './app/preferences'
import { CommandPalette } from './palette/CommandPalette'
import { CommandProvider } from './palette/commands'
import { CorePaletteCommands } from './palette/CorePaletteCommands'
import { ToastProvider } from './ui/toasts'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={createBridge()}>
      <ToastProvider>
        <PreferencesProvider>
          <CommandProvider>
            <App />
            <CorePaletteCommands />
            <CommandPalette />
          </CommandProvider>
        </PreferencesProvider>
      </ToastProvider>
    </ApiProvider>
  </StrictMode>,
)
