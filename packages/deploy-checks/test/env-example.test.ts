import { describe, expect, it } from 'vitest'
import { REQUIRED_SECRETS, envExampleVariables, interpolatedVariables, read, readmeVariables } from './repo.js'

const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.replicas.yml', 'docker/services.yml']

describe('.env.example', () => {
  const { set, commented } = envExampleVariables()

  it('sets every variable the compose files read', () => {
    const referenced = COMPOSE_FILES.flatMap((file) => [...interpolatedVariables(read(file))])
    expect(referenced.length).toBeGreaterThan(10)
    expect([...new Set(referenced)].filter((name) => !set.has(name)).sort()).toEqual([])
  })

  it('lists every variable of README\'s configuration table', () => {
    const documented = readmeVariables()
    expect(documented.size).toBeGreaterThan(40)
    expect([...documented].filter((name) => !set.has(name) && !commented.has(name)).sort()).toEqual([])
  })

  it('sets only variables the compose files read (the others are commented out), and no secret values', () => {
    const composed = new Set(COMPOSE_FILES.flatMap((file) => [...interpolatedVariables(read(file))]))
    expect([...set.keys()].filter((name) => !composed.has(name))).toEqual([])
    for (const secret of Object.keys(REQUIRED_SECRETS)) expect(set.get(secret), secret).toBe('')
    for (const [name, value] of set) if (/PASSWORD|KEY|TOKEN/.test(name)) expect(value, name).toBe('')
  })
})

describe('README', () => {
  const readme = read('README.md')

  it('says how to run with Docker and how to deploy on several machines', () => {
    expect(readme).toMatch(/^## Run with Docker$/m)
    expect(readme).toMatch(/^## Deploy on several machines$/m)
    expect(readme).toContain('cp .env.example .env')
    expect(readme).toContain('docker compose -f docker-compose.yml -f docker-compose.replicas.yml up -d')
  })
})
