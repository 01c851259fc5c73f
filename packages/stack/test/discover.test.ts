import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { discoverServices } from '../src/discover.js'

async function folderWith (services: Record<string, object | undefined>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stack-discover-'))
  for (const [name, manifest] of Object.entries(services)) {
    await mkdir(join(root, 'services', name), { recursive: true })
    if (manifest !== undefined) await writeFile(join(root, 'services', name, 'package.json'), JSON.stringify(manifest))
  }
  return root
}

describe('discoverServices', () => {
  it('finds services by their platform field; schema owners first, the gateway last', async () => {
    const root = await folderWith({
      gateway: { name: '@service/gateway', platform: { port: 8000 } },
      grading: { name: '@service/grading', platform: { port: 8004, schema: 'grading' } },
      mailer: { name: '@service/mailer', platform: { port: 8010 } },
      identity: { name: '@service/identity', platform: { port: 8001, schema: 'identity' } },
      'half-done': { name: '@service/half-done' },
      empty: undefined
    })
    const services = await discoverServices(root)
    expect(services.map((service) => service.name)).toEqual(['identity', 'grading', 'mailer', 'gateway'])
    expect(services[0]).toEqual({ name: 'identity', dir: join(root, 'services', 'identity'), port: 8001, schema: 'identity' })
    expect(services[3]).toEqual({ name: 'gateway', dir: join(root, 'services', 'gateway'), port: 8000 })
  })

  it('finds nothing where there is no services folder', async () => {
    expect(await discoverServices(await mkdtemp(join(tmpdir(), 'stack-discover-')))).toEqual([])
  })

  it('names the file with a bad platform field', async () => {
    const root = await folderWith({ broken: { platform: { port: 'eighty' } } })
    await expect(discoverServices(root)).rejects.toThrow(/broken\/package\.json: "platform\.port" must be a port number/)
    const badSchema = await folderWith({ broken: { platform: { port: 8001, schema: 'Drop Table' } } })
    await expect(discoverServices(badSchema)).rejects.toThrow(/"platform\.schema"/)
  })

  it('finds the real gateway in this repository', async () => {
    const services = await discoverServices(join(import.meta.dirname, '..', '..', '..'))
    expect(services.at(-1)).toMatchObject({ name: 'gateway', port: 8000 })
  })
})
