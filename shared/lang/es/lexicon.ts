/**
 * Spanish stage lexicon. Accent folding makes "qué" and "que", "cómo" and "como" one word, and
 * many searchers type them without accents anyway; "como" alone is weaker because it also means
 * "like". "la mejor forma de" is interest (best way to), not comparison.
 */
import { terms, type Lexicon } from '../../classify/lexicon.ts';

export const SPANISH_LEXICON: Lexicon = {
  lang: 'es',
  entries: [
    // interés
    ...terms('interest', 1.2, `que es, que son, que significa, que significan, que pasa si, que hacer, que hacer si,
      que causa, por que, porque, para que sirve, para que sirven, como hacer, como se hace, como funciona,
      como funcionan, como se, como saber, como quitar, como eliminar, como evitar, cuando, cuantos, cuantas,
      cuanto tiempo, cuanto dura, quien es, quien fue, quien invento, donde esta, significado, definicion, sintomas,
      sintoma, causas, causa de, senales, senales de, ejemplos, ejemplo de, tipos de, historia de, beneficios,
      beneficios de, guia, consejos, ideas, trucos, tutorial, receta, recetas, remedios, remedios caseros,
      tratamiento, la mejor forma, mejor forma de, la mejor manera, mejor manera de, el mejor momento,
      mejor momento para, paso a paso, explicacion, explicado`),
    ...terms('interest', 1.0, `como, que, cual es la, aprender, calcular, formula, problema, no funciona, dolor,
      evitar, prevenir, clima, tiempo en, noticias`),

    // comparación
    ...terms('comparison', 1.5, `comparativa, comparacion, comparar, comparador, versus, diferencia entre,
      diferencias entre, ventajas y desventajas, pros y contras, cual es mejor, cual es el mejor, cual es la mejor,
      cual elegir, que elegir, como elegir, el mejor, la mejor, los mejores, las mejores, top #, vale la pena,
      merece la pena, mejor que, calidad precio, alternativa a, alternativas a, opiniones, resenas, ranking,
      guia de compra`),
    ...terms('comparison', 1.2, `mejor, mejores, alternativa, alternativas, resena, opinion, analisis, diferencia,
      diferencias, cual, elegir, recomendado, recomendados, valoracion, valoraciones, fiable, fiabilidad`),
    ...terms('comparison', 1.0, `top, marcas, o mejor`),
    ...terms('interest', 0.6, `para principiantes`),

    // compra
    ...terms('purchase', 1.5, `precio, precios, costo, coste, cuanto cuesta, cuanto cuestan, cuanto vale, cuanto sale,
      cuanto cobra, barato, barata, baratos, baratas, mas barato, economico, economicos, comprar, donde comprar,
      compra, compra online, pedido, pedir, hacer pedido, envio, envio gratis, envios, entrega, devolucion,
      devoluciones, reembolso, en stock, disponible, disponibilidad, cerca de mi, cerca de aqui, abierto, abierto hoy,
      prueba gratis, prueba gratuita, demo, presupuesto, cupon, cupones, descuento, descuentos, codigo descuento,
      codigo promocional, oferta, ofertas, rebajas, promocion, descargar, descarga, reservar, reserva, suscripcion,
      suscribirse, alquiler, alquilar, en venta, se vende, venta, segunda mano, tienda, tarifa, tarifas, financiacion,
      pagar, pago, contratar, darse de alta, cita previa, entradas`),
    ...terms('purchase', 1.0, `cuanto, gratis, en linea, ver online, ver gratis, letra, vuelos, vuelo, hotel, hoteles,
      euros`),
    ...terms('purchase', 0.6, `online, seguro, seguros, hombre, mujer, nino, nina`),
    ...terms('purchase', 1.0, `trabajo, empleo, ofertas de empleo, ofertas de trabajo`),
    // categorías de producto: se busca qué comprar (Broder: transaccional)
    ...terms('purchase', 0.9, `zapatillas, zapatos, vestido, vestidos, chaqueta, pantalones, bolso, bolsos, reloj,
      joyas, anillo, sofa, neumaticos, juguetes`),

    // instalación y horarios: fase de compra, pero para Broder una búsqueda de información
    ...terms('purchase', 1.5, `instalar, instalacion, como instalar, configurar, como configurar, requisitos,
      requisitos minimos, horario, horarios, garantia, plazo de entrega, gastos de envio`, { broder: 'informational' }),

    // navegación
    ...terms('navigational', 1.2, `iniciar sesion, inicio de sesion, acceso, acceder, entrar, mi cuenta,
      area de clientes, zona clientes, atencion al cliente, servicio al cliente, telefono de atencion, contacto,
      pagina oficial, sitio oficial, web oficial, correo, banca online, banca en linea, seguimiento,
      seguimiento de envios, mis pedidos`,
      { kind: 'nav-modifier' }),
    ...terms('navigational', 0.8, `cuenta, pagina, web, sitio, aplicacion, app, telefono`, { kind: 'nav-modifier' }),

    // expresiones fijas
    ...terms('none', 0, `sin gluten, sin azucar, a cualquier precio, precio justo, por ciento`),
  ],
};
