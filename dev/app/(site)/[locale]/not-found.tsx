/** 404 inside the site layout. It gets no params, so it speaks both languages. */
export default function NotFound() {
  return (
    <>
      <h1>
        <span lang="da">Ikke fundet</span> / <span lang="en">Not found</span>
      </h1>
      <p lang="da">
        Siden findes ikke. <a href="/da/privatlivspolitik">Gå til privatlivspolitikken</a>.
      </p>
      <p lang="en">
        This page does not exist. <a href="/en/privacy">Go to the privacy statement</a>.
      </p>
    </>
  )
}
