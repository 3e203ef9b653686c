/**
 * The refused publish's answer carries its rules in `errors[0].data.problems` whatever Payload
 * passed as `result`: under Next, Payload's `formatErrors` does not recognise the plugin's APIError
 * (another module copy, so `instanceof` fails) and passes `errors: [{ message }]` only.
 */
import { exposePublishRefusal } from '../../plugin/hooks/exposePublishRefusal.js'
import { PublishRefusedError } from '../../plugin/utilities/PublishRefusedError.js'

const problems = [
  {
    code: 'translation-gap',
    params: {
      changedIn: ['da'],
      locale: 'en',
      sections: [{ heading: 'Rettigheder', section: 'rights' }],
    },
  },
] as never
const error = new PublishRefusedError('Publishing was refused. One thing to fix: …', problems)
const call = (result: unknown) =>
  exposePublishRefusal({ error, result } as never) as {
    response: Record<string, any>
    status: number
  }

test('the rules are in errors[0].data.problems when Payload’s result has only the message (the Next path)', () => {
  const answer = call({ errors: [{ message: error.message }] })
  expect(answer.status).toBe(400)
  expect(answer.response.message).toBe(error.message)
  expect(answer.response.errors).toEqual([
    { name: 'PublishRefused', data: { problems }, message: error.message },
  ])
})

test('the rules are there when Payload passed no result, and when it formatted the error itself', () => {
  expect(call(undefined).response.errors[0].data.problems).toEqual(problems)
  expect(
    call({ errors: [{ name: error.name, data: error.data, message: error.message }] }).response
      .errors[0].data.problems,
  ).toEqual(problems)
})

test('other errors are left to Payload', () => {
  expect(
    exposePublishRefusal({
      error: new Error('boom'),
      result: { errors: [{ message: 'boom' }] },
    } as never),
  ).toBeUndefined()
})
