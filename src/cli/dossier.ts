import { CliError, main } from './main'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    const cliError = error instanceof CliError ? error : undefined
    process.stderr.write(`error: ${cliError ? cliError.message : (error as Error).message}\n`)
    process.exitCode = cliError?.exitCode ?? 1
  },
)
